package org.oauthdropins.store;

import java.time.Instant;
import java.util.Objects;
import org.oauthdropins.internal.secrets.Secrets;

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
 * @param expiresAt when the store may forget it, or null for never. Instances are user input and a
 *     wildcard DNS record makes one per subdomain, so registrations that nobody logs in with must
 *     not pile up; an expired registration is as good as absent, and stores sweep them.
 */
public record AppRegistration(
    String site,
    String instance,
    String clientId,
    String clientSecret,
    String dataJson,
    Instant created,
    Instant expiresAt) {

  /** A registration that never expires. */
  public AppRegistration(
      String site,
      String instance,
      String clientId,
      String clientSecret,
      String dataJson,
      Instant created) {
    this(site, instance, clientId, clientSecret, dataJson, created, null);
  }

  /** Makes the value, checking its components. */
  public AppRegistration {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    dataJson = dataJson == null ? "{}" : dataJson;
  }

  /** Whether the store may forget it at this time. */
  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** This registration with another expiry, e.g. pushed back after a login. */
  public AppRegistration withExpiresAt(Instant when) {
    return new AppRegistration(site, instance, clientId, clientSecret, dataJson, created, when);
  }

  /** This registration as stored at the given time. */
  public AppRegistration withCreated(Instant when) {
    return new AppRegistration(site, instance, clientId, clientSecret, dataJson, when, expiresAt);
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
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
