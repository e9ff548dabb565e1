package org.oauthdropins.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.oauthdropins.Finish;
import org.oauthdropins.Html;
import org.oauthdropins.Mount;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The Spring Security integration, loaded only when Spring Security is on the classpath.
 *
 * <p>The library's paths get a filter chain of their own, ahead of the app's, that lets everyone
 * in: a login must be startable before the user is signed in. The start keeps Spring Security's
 * CSRF check, so its form carries the token ({@link #csrfInput}); the callback is exempt, since a
 * site's {@code form_post} answer cannot carry it, and the library checks its state instead.
 */
@Configuration(proxyBeanMethods = false)
public class DropinSecurity {

  /** The hidden input with Spring Security's CSRF token for this request, or empty. */
  public static String csrfInput(HttpServletRequest request) {
    if (!(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token)) {
      return "";
    }
    return "<input type=\"hidden\" name=\""
        + Html.escape(token.getParameterName())
        + "\" value=\""
        + Html.escape(token.getToken())
        + "\">";
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  // Only where web security is on (Boot's or the app's @EnableWebSecurity), not merely on the
  // classpath.
  @ConditionalOnBean(HttpSecurity.class)
  @ConditionalOnProperty(
      prefix = "oauth-dropins.security",
      name = "permit-paths",
      havingValue = "true",
      matchIfMissing = true)
  SecurityFilterChain oauthDropinsFilterChain(HttpSecurity http, DropinSites sites)
      throws Exception {
    List<String> all = new ArrayList<>();
    List<String> noCsrf = new ArrayList<>();
    for (Mount m : sites.mounts()) {
      all.add(m.startPath());
      all.add(m.callbackPath());
      noCsrf.add(m.callbackPath());
      // The provider posts back-channel logouts: no browser, no CSRF token; the logout token's
      // signature and single use are the check.
      m.route("backchannel-logout").ifPresent(r -> noCsrf.add(r.path()));
      // A site's own routes (Bluesky's client metadata and app-password form) keep the CSRF
      // check, as the start does.
      m.routes().forEach(r -> all.add(r.path()));
    }
    all.add(sites.buttonPath() + "/**");
    String[] paths = all.toArray(String[]::new);
    return http.securityMatcher(paths)
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(c -> c.ignoringRequestMatchers(noCsrf.toArray(String[]::new)))
        .requestCache(r -> r.disable())
        .build();
  }

  @Bean
  @ConditionalOnMissingBean(Finish.class)
  @ConditionalOnProperty(prefix = "oauth-dropins.security", name = "sign-in", havingValue = "true")
  Finish oauthDropinsSignInFinish(OAuthDropinsProperties properties, DropinSessions sessions) {
    return signIn(Finish.redirectTo(properties.finishPath()), sessions);
  }

  /**
   * The sessions signed in, ended by a provider's back-channel logout: a {@link
   * org.oauthdropins.LoginListener} every mount reports to, and a session listener the container
   * calls.
   */
  @Bean
  @ConditionalOnMissingBean(DropinSessions.class)
  @ConditionalOnProperty(prefix = "oauth-dropins.security", name = "sign-in", havingValue = "true")
  DropinSessions oauthDropinsSessions() {
    return new DropinSessions();
  }

  /**
   * A finish that signs the user in to Spring Security (a {@link DropinAuthentication} in a fresh
   * session, so no session id from before the login survives it), then does what {@code then} does.
   * A declined login signs no one in.
   */
  public static Finish signIn(Finish then) {
    return signIn(then, null);
  }

  /**
   * {@link #signIn(Finish)}, remembering each session in {@code sessions} so that a provider's
   * back-channel logout of its login ends it.
   *
   * @param sessions where the sessions are remembered, or null
   */
  public static Finish signIn(Finish then, DropinSessions sessions) {
    SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    return (auth, state, request) -> {
      if (auth != null) {
        Exchange exchange =
            Exchange.current()
                .orElseThrow(
                    () -> new IllegalStateException("sign-in runs only in the starter's servlets"));
        HttpServletRequest req = exchange.request();
        if (req.getSession(false) != null) {
          req.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new DropinAuthentication(auth));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, req, exchange.response());
        if (sessions != null) {
          sessions.signedIn(auth.key(), req.getSession());
        }
      }
      return then.finish(auth, state, request);
    };
  }
}
