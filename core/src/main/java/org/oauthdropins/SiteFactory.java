package org.oauthdropins;

import java.util.Objects;
import java.util.function.Function;

/**
 * Makes a site from options: what an app, the demo or a test needs to list and build sites
 * uniformly.
 *
 * @param name the site's name, e.g. {@code github}
 * @param idName the credential file holding the app's id, e.g. {@code github_client_id}
 * @param secretName the credential file holding the app's secret
 * @param create builds the site
 */
public record SiteFactory(
    String name, String idName, String secretName, Function<SiteOptions, Site<?>> create) {

  /** Makes the value, checking its components. */
  public SiteFactory {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(create, "create");
  }

  /** Builds the site. */
  public Site<?> create(SiteOptions options) {
    return create.apply(options);
  }

  /** Whether the app's credentials for this site are configured. */
  public boolean configured() {
    return idName == null || Credentials.lookup(idName, secretName).isPresent();
  }
}
