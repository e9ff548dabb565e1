package org.oauthdropins.store;

import java.time.Instant;
import java.util.Objects;
import org.oauthdropins.Secrets;

/**
 * A long-lived app registration at one server: a Mastodon or Pixelfed instance's client id and
 * secret, or a secret of the library's own.
 *
 * @param site the site name, e.g. {@code mastodon}
 * @param instance the server, e.g. {@code https://mastodon.social}
 * @param clientId the client id the server issued
 * @param clientSecret the client secret the server issued
 * @param dataJson the server's full answer or other data (a JSON document)
 * @param created when it was stored, or null before that
 */
public record AppRegistration(
    String site,
    String instance,
    String clientId,
    String clientSecret,
    String dataJson,
    Instant created) {

  public AppRegistration {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    dataJson = dataJson == null ? "{}" : dataJson;
  }

  @Override
  public String toString() {
    return "AppRegistration[site="
        + site
        + ", instance="
        + instance
        + ", clientId="
        + clientId
        + ", clientSecret="
        + Secrets.mask(clientSecret)
        + "]";
  }
}
