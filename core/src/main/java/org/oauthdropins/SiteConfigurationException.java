package org.oauthdropins;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Sites an app asked for that cannot be made: every missing credential and every unknown site name
 * of one configuration, so that the app fails once saying all that is wrong rather than one thing
 * per start. {@link org.oauthdropins.sites.Sites#create} throws it; the Spring Boot starter turns it into a failure
 * analysis that names each site's properties.
 */
public final class SiteConfigurationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** One thing wrong with the configuration. */
  public sealed interface Problem permits MissingCredentials, UnknownSite, CannotStart {}

  /**
   * A site whose credentials are missing, both or one half of the pair.
   *
   * @param site the site's id, e.g. {@code github}
   * @param files the missing credential files, e.g. {@code github_client_secret}; {@link
   *     Credentials#envName} gives each's environment variable
   */
  public record MissingCredentials(String site, List<String> files) implements Problem {
    /** Makes the value, checking its components. */
    public MissingCredentials {
      Objects.requireNonNull(site, "site");
      files = List.copyOf(files);
    }
  }

  /**
   * A name that is no site the library ships.
   *
   * @param name the name as given
   * @param suggestion the closest shipped site id, or null if none is close
   */
  public record UnknownSite(String name, String suggestion) implements Problem {
    /** Makes the value, checking its components. */
    public UnknownSite {
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A site that refused to start for another reason than its credentials: a credential that is
   * there but unusable (Apple's key file), or a library it needs that is missing (jsoup for
   * IndieAuth).
   *
   * @param site the site's id
   * @param reason the site's own message, which never quotes a secret
   */
  public record CannotStart(String site, String reason) implements Problem {
    /** Makes the value, checking its components. */
    public CannotStart {
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The problems, in the order of the configuration. */
  private final transient List<Problem> problems;

  /**
   * Makes the error.
   *
   * @param problems what is wrong, at least one
   */
  public SiteConfigurationException(List<? extends Problem> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  /** What is wrong, in the order of the configuration. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<? extends Problem> problems) {
    return "cannot make the sites: "
        + problems.stream()
            .map(SiteConfigurationException::describe)
            .collect(Collectors.joining("; "));
  }

  private static String describe(Problem p) {
    if (p instanceof MissingCredentials m) {
      return m.site()
          + ": "
          + m.files().stream()
              .map(
                  f ->
                      "missing credential "
                          + f
                          + " ("
                          + MissingCredentialsException.howToGive(f)
                          + ")")
              .collect(Collectors.joining(", "));
    }
    if (p instanceof CannotStart c) {
      return c.site() + ": " + c.reason();
    }
    UnknownSite u = (UnknownSite) p;
    return u.name()
        + " is not a site the library ships"
        + (u.suggestion() == null ? "" : "; did you mean " + u.suggestion() + "?");
  }
}
