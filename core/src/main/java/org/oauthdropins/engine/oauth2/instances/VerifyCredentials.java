package org.oauthdropins.engine.oauth2.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import org.oauthdropins.engine.oauth2.Identity;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Json;

/**
 * Who logged in at a Mastodon-API instance: the account {@code GET
 * /api/v1/accounts/verify_credentials} answers for the token, keyed {@code @username@host}. The
 * stored extra data is what it always was, which Python's and the Datastore fixtures compare: the
 * instance, the registration the tokens were issued to (which alone can refresh them) and the
 * granted scope. A login's use of its registration is recorded here, once the account is known, so
 * that registrations in use stay in the store.
 */
final class VerifyCredentials implements Identity {

  private final String site;
  private final Registrations registrations;

  /**
   * @param site the site name, for messages
   * @param registrations the registrations, told when a login used one
   */
  VerifyCredentials(String site, Registrations registrations) {
    this.site = Objects.requireNonNull(site, "site");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
  }

  @Override
  public Who who(Exchanged login) {
    String instance = InstanceServer.instance(login.server());
    JsonNode user;
    try {
      user =
          ProfileLoader.bearerGet(
                  site, URI.create(instance + "/api/v1/accounts/verify_credentials"))
              .load(login.transport(), login.token());
    } catch (IOException e) {
      throw new ProviderException(site + " profile could not be fetched: " + e.getMessage(), e);
    }
    String username = Json.text(user, "username");
    if (username == null || username.contains("@") || Json.text(user, "id") == null) {
      throw new ProviderException(site + " profile has no username or id");
    }
    // The login used its registration: it stays in the store (the pipeline tells the client
    // source of no use of its own).
    registrations.used(login.request().store(), instance, login.client().clientId());
    ObjectNode extra = Json.object();
    extra.put(InstanceServer.INSTANCE, instance);
    // The registration the tokens were issued to, which alone can refresh them.
    extra.put(OAuthParameters.CLIENT_ID, login.client().clientId());
    extra.put(OAuthParameters.SCOPE, login.token().scope());
    return new Who("@" + username + "@" + URI.create(instance).getRawAuthority(), user, extra);
  }
}
