package org.oauthdropins.sites.meetup;

import org.oauthdropins.Button;
import org.oauthdropins.ProfileFields;
import org.oauthdropins.SiteBase;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.internal.http.Json;

/**
 * Meetup (base URL overrides {@code web} for secure.meetup.com and {@code api} for api.meetup.com).
 *
 * <p>Endpoints: meetup.com/graphql/authentication. The token endpoint takes the client secret in
 * the body and issues hour-long tokens with a refresh token. The identity comes from the GraphQL
 * API's {@code self}, as the REST {@code members/self} is deprecated. Meetup does not support PKCE.
 *
 * <p>No revocation: none could be confirmed in Meetup's API documentation, so a disconnect deletes
 * the login here only.
 */
public final class Meetup {

  /** The {@code web} base URL; {@code options.withBase(Meetup.WEB, url)} moves it. */
  public static final SiteBase WEB = SiteBase.of("web", "https://secure.meetup.com");

  /** The {@code api} base URL; {@code options.withBase(Meetup.API, url)} moves it. */
  public static final SiteBase API = SiteBase.of("api", "https://api.meetup.com");

  static final String SELF_QUERY = "query { self { id name memberPhoto { id baseUrl thumbUrl } } }";

  /** Lists Meetup for apps and the demo. */
  public static final SiteFactory FACTORY =
      new SiteFactory("meetup", "meetup_client_id", "meetup_client_secret", Meetup::create);

  private Meetup() {}

  /** Meetup with the given options; credentials default to {@code meetup_client_id/secret}. */
  public static OAuth2Site<MeetupAuth> create(SiteOptions o) {
    return OAuth2Site.builder("meetup", "MeetupAuth")
        .button(Button.of("Sign in with Meetup", "#F65858", "#ffffff"))
        .credentials(o.credentials("meetup_client_id", "meetup_client_secret"))
        .options(o)
        .apiBase(o.url(API, ""))
        .authorizeUrl(o.url(WEB, "/oauth2/authorize"))
        .tokenUrl(o.url(WEB, "/oauth2/access"))
        .clientAuth(ClientAuth.POST)
        .pkce(false)
        .profile(ProfileLoader.graphql("meetup", o.url(API, "/gql-ext"), SELF_QUERY, "self"))
        .keyId(user -> Json.text(user, "id"))
        .profileFields(new ProfileFields(null, "/name", "/memberPhoto/thumbUrl"))
        .entity(MeetupAuth::new)
        .build();
  }
}
