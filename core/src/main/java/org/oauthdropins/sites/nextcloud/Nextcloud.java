package org.oauthdropins.sites.nextcloud;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oidc.Oidc;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.internal.http.Json;

/**
 * Nextcloud through its OAuth 2 app, a named instance per site.
 *
 * <p>Endpoints: docs.nextcloud.com, Administration manual "OAuth2" and Developer manual "OCS user
 * API": the browser goes to {@code <instance>/index.php/apps/oauth2/authorize}; the code is
 * redeemed at {@code <instance>/index.php/apps/oauth2/api/v1/token}, form-encoded, with {@code
 * client_id} and {@code client_secret} in the body. Nextcloud's OAuth 2 app has no scopes (a token
 * can do what the user can) and documents no PKCE, so neither is sent. Access tokens last an hour;
 * a refresh answers with a new refresh token and invalidates the spent one. No revocation ({@code
 * Revocation.none()}): the OAuth 2 app documents no token revocation endpoint (the only way found
 * is the user removing the app's session under Settings, Security, or an admin deleting the
 * client), so a disconnect deletes the login here only.
 *
 * <p>The profile is the OCS user API, {@code GET /ocs/v2.php/cloud/user?format=json} with {@code
 * OCS-APIRequest: true} (sent with every request of the site), the user being {@code ocs.data}.
 *
 * <p><b>Whose user is it.</b> The key is {@code <user id>@<instance>}: the user id (Nextcloud's
 * UID, also the token answer's {@code user_id}) cannot be changed, but it is chosen by people
 * (often a login name) and only unique on one server, so the instance (its URL less {@code
 * https://}) is always part of the key. The display name and email can change.
 *
 * <p><b>Instances.</b> There is no default instance: the site {@code nextcloud} refuses to start
 * until {@code options.withBase(Nextcloud.WEB, url)} (or the property {@code base-urls.web}) names
 * one, and {@code Nextcloud.create("cloud_corp", options)} makes one more site with its own paths,
 * button and credentials ({@code cloud_corp_client_id}, {@code _client_secret}), as GitLab's
 * instances are.
 */
public final class Nextcloud {

  /** The site's name. */
  public static final String NAME = "nextcloud";

  /**
   * The {@code web} base URL: the instance's URL (with its path if Nextcloud is installed below
   * one). It has no real default; the URL here only stands for the shape.
   */
  public static final SiteBase WEB = SiteBase.of("web", "https://nextcloud.invalid");

  /** Lists Nextcloud for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory(NAME, "nextcloud_client_id", "nextcloud_client_secret", Nextcloud::create);

  private Nextcloud() {}

  /**
   * The site {@code nextcloud} at the instance {@code options} names.
   *
   * @throws IllegalStateException if the options name no instance
   */
  public static OAuth2Site<NextcloudAuth> create(SiteOptions o) {
    return create(NAME, o);
  }

  /**
   * A Nextcloud instance as a site under its own name.
   *
   * @param name the site's name: its paths, button and credential files ({@code <name>_client_id},
   *     {@code <name>_client_secret})
   * @param o options; {@code web} is the instance's URL
   * @throws IllegalStateException if the options name no instance
   */
  public static OAuth2Site<NextcloudAuth> create(String name, SiteOptions o) {
    if (o.moved(WEB).isEmpty()) {
      throw new IllegalStateException(
          "Nextcloud needs its instance's URL: set the base URL web"
              + " (options.withBase(Nextcloud.WEB, url), or the property base-urls.web)");
    }
    String instance = Oidc.issuerWithoutScheme(o.url(WEB, "/").toString());
    return OAuth2Site.builder(name, "NextcloudAuth")
        // Nextcloud's blue.
        .button(
            Button.of(
                NAME.equals(name)
                    ? "Sign in with Nextcloud"
                    : "Sign in with Nextcloud (" + instance + ")",
                "#0082C9",
                "#FFFFFF"))
        .credentials(o.credentials(name + "_client_id", name + "_client_secret"))
        .options(o)
        .apiBase(o.url(WEB, ""))
        .authorizeUrl(o.url(WEB, "/index.php/apps/oauth2/authorize"))
        .tokenUrl(o.url(WEB, "/index.php/apps/oauth2/api/v1/token"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .header("OCS-APIRequest", "true")
        .profile(ocsUser(o))
        .keyId(
            user -> {
              String id = Json.text(user, "id");
              return id == null ? null : id + "@" + instance;
            })
        .profileFields(new ProfileFields("/id", "/displayname", null, "/id"))
        .entity(NextcloudAuth::new)
        .build();
  }

  /** The OCS user API's {@code ocs.data}, when its {@code ocs.meta} says it succeeded. */
  private static ProfileLoader ocsUser(SiteOptions o) {
    ProfileLoader get =
        ProfileLoader.bearerGet("nextcloud", o.url(WEB, "/ocs/v2.php/cloud/user?format=json"));
    return (transport, token) -> {
      JsonNode ocs = get.load(transport, token).path("ocs");
      JsonNode data = ocs.path("data");
      if (ocs.path("meta").path("statuscode").asInt() != 200 || !data.isObject()) {
        throw new ProviderException("nextcloud OCS user answer is not a user");
      }
      return data;
    };
  }
}
