package org.oauthdropins.spring;

import java.util.stream.Collectors;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteConfigurationException;
import org.oauthdropins.SiteConfigurationException.MissingCredentials;
import org.oauthdropins.SiteConfigurationException.Problem;
import org.oauthdropins.SiteConfigurationException.UnknownSite;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.sites.Sites;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the sites' configuration errors into Spring Boot's "APPLICATION FAILED TO START" summary,
 * naming each missing credential by its property, environment variable and file, and each misspelt
 * site with the closest shipped id: one start says all that is wrong.
 */
class SiteConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SiteConfigurationException> {

  private static final String PREFIX = "oauth-dropins.sites.";

  @Override
  protected FailureAnalysis analyze(Throwable root, SiteConfigurationException cause) {
    String description =
        "oauth-dropins cannot mount the configured sites:\n"
            + cause.problems().stream()
                .map(SiteConfigurationFailureAnalyzer::describe)
                .collect(Collectors.joining("\n"));
    String action =
        "Give each site its client id and secret (as the properties above, the environment"
            + " variables or the files), set "
            + PREFIX
            + "<id>.enabled=false to leave a site out, and name sites by their ids ("
            + Sites.ALL.stream().map(SiteFactory::name).collect(Collectors.joining(", "))
            + ") or give any other name an issuer to make it an OpenID Connect provider.";
    return new FailureAnalysis(description, action, cause);
  }

  private static String describe(Problem p) {
    if (p instanceof MissingCredentials m) {
      return m.files().stream()
          .map(
              f ->
                  "  - "
                      + m.site()
                      + ": missing "
                      + f
                      + ": set "
                      + property(m.site(), f)
                      + "the environment variable "
                      + Credentials.envName(f)
                      + " or create the file ./"
                      + f)
          .collect(Collectors.joining("\n"));
    }
    if (p instanceof SiteConfigurationException.CannotStart c) {
      return "  - " + PREFIX + c.site() + ": " + c.reason();
    }
    UnknownSite u = (UnknownSite) p;
    return "  - "
        + PREFIX
        + u.name()
        + " is not a site the library ships and has no issuer"
        + (u.suggestion() == null ? "" : "; did you mean " + PREFIX + u.suggestion() + "?");
  }

  /** The property that holds a credential file's value, if there is one, with a separator. */
  private static String property(String site, String file) {
    String idName = Sites.byName(site).map(SiteFactory::idName).orElse(site + "_client_id");
    String secretName =
        Sites.byName(site).map(SiteFactory::secretName).orElse(site + "_client_secret");
    if (file.equals(idName)) {
      return PREFIX + site + ".client-id, ";
    }
    if (file.equals(secretName)) {
      return PREFIX + site + ".client-secret, ";
    }
    return "";
  }
}
