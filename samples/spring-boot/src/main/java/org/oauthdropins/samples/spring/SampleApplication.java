package org.oauthdropins.samples.spring;

// readme:start spring-boot-app
import jakarta.servlet.http.HttpServletRequest;
import org.oauthdropins.Html;
import org.oauthdropins.spring.DropinPrincipal;
import org.oauthdropins.spring.DropinSecurity;
import org.oauthdropins.spring.DropinSites;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot app whose users sign in with GitHub: the starter mounts the login from {@code
 * application.properties} and signs the user in to Spring Security; the app only renders the
 * buttons and protects its pages.
 */
@SpringBootApplication
@RestController
public class SampleApplication {

  private final DropinSites sites;

  SampleApplication(DropinSites sites) {
    this.sites = sites;
  }

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  /** The app's own rules: the home page is public, everything else needs a signed-in user. */
  @Bean
  SecurityFilterChain appSecurity(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/", "/error").permitAll().anyRequest().authenticated())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/")))
        .build();
  }

  /** The home page, with a login button per configured site; each form carries the CSRF token. */
  @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
  String home(HttpServletRequest request) {
    return "<!doctype html><title>Sample</title><h1>Sign in</h1>"
        + sites.buttons(request.getContextPath(), DropinSecurity.csrfInput(request));
  }

  /** A page for signed-in users only. */
  @GetMapping(value = "/me", produces = MediaType.TEXT_HTML_VALUE)
  String me(@AuthenticationPrincipal DropinPrincipal user) {
    return "<!doctype html><title>Me</title><p>Signed in as "
        + Html.escape(user.displayName())
        + " ("
        + Html.escape(user.site())
        + ")</p>";
  }
}
// readme:end
