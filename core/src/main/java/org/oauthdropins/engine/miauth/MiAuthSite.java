package org.oauthdropins.engine.miauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.LoginResult;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.input.Instances;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;

/**
 * The MiAuth engine (Misskey and its forks, misskey-hub.net docs/for-developers/api/token/miauth):
 * the user names an instance; the browser goes to {@code https://<host>/miauth/<session>?name=
 * ..&callback=..&permission=..}; after the user allows it, the instance sends the browser to the
 * callback with {@code session} added; then {@code POST /api/miauth/<session>/check} answers the
 * access token and the user, once ({@code {"ok": false}} ever after, or when no token was granted).
 *
 * <p>Nothing but the session id guards the check, so the session id is the login's state: the
 * library's unguessable single-use nonce, whose pending login is bound to the browser that started
 * it. The callback URL carries it as {@code state} too, so that the one callback handler finds the
 * pending login; the callback's {@code session} must be the pending login's. No app registration,
 * no client secret. Every request to the instance goes through the SSRF guard.
 *
 * <p>The check's {@code {"ok": false}} is a decline: Misskey's deny button does not come back to
 * the app, so an answer without a token is what a user who denied and then came back gets.
 */
public final class MiAuthSite<A extends AuthEntity> extends AbstractSite<A> {

  /**
   * What differs between servers that speak MiAuth.
   *
   * @param software the software's site name, kind, label, button and entity type
   * @param permissions the permissions asked for, e.g. {@code read:account}
   * @param <A> the entity type
   */
  public record Flavor<A extends AuthEntity>(Software<A> software, List<String> permissions) {

    /** Makes the value, checking its components. */
    public Flavor {
      Objects.requireNonNull(software, "software");
      permissions = List.copyOf(permissions);
    }

    /**
     * This software under another site's name, kind and button, as the fediverse site runs it, so
     * that its logins are that site's.
     */
    public Flavor<A> as(String siteName, String siteKind, Button siteButton) {
      return new Flavor<>(software.as(siteName, siteKind, siteButton), permissions);
    }
  }

  /** What the callback needs: the instance and the session id it must come back with. */
  record MiAuthLogin(String instance, String session) {
    MiAuthLogin {
      Objects.requireNonNull(instance, "instance");
      Objects.requireNonNull(session, "session");
    }

    @Override
    public String toString() {
      // The session id fetches the token: never in a log line.
      return "MiAuthLogin[...]";
    }
  }

  private final Flavor<A> flavor;
  private final GuardedTransport transport;
  private final String appName;

  private MiAuthSite(Builder<A> b) {
    // The instance is user input: every request goes through the SSRF guard.
    super(b, GuardedTransport::of);
    this.flavor = b.flavor;
    this.transport = GuardedTransport.of(transport());
    this.appName = b.appName;
  }

  /** A builder for a server of this flavour. */
  public static <A extends AuthEntity> Builder<A> builder(Flavor<A> flavor) {
    return new Builder<>(flavor);
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    String instance =
        Instances.from(request.web(), flavor.software().label(), transport.policy().allowHttp());
    String session = request.state();
    String callback =
        Form.appendQuery(request.callbackUrl().toString(), Map.of("state", request.state()));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("name", appName);
    query.put("callback", callback);
    query.put("permission", String.join(",", flavor.permissions()));
    URI location =
        URI.create(Form.appendQuery(instance + "/miauth/" + Form.encode(session), query));
    return Authorization.of(location, callback, new MiAuthLogin(instance, session));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    MiAuthLogin pending = request.data(MiAuthLogin.class);
    String session =
        request
            .web()
            .parameter("session")
            .orElseThrow(() -> new BadRequestException("missing session parameter"));
    if (!MessageDigest.isEqual(
        session.getBytes(StandardCharsets.UTF_8),
        pending.session().getBytes(StandardCharsets.UTF_8))) {
      throw new BadRequestException("the session is not this login's");
    }
    URI check = URI.create(pending.instance() + "/api/miauth/" + Form.encode(session) + "/check");
    HttpResult r;
    try {
      r =
          request
              .within(transport)
              .send(HttpCall.postJson(check, Map.of()).header("Accept", "application/json"));
    } catch (UnsafeUrlException e) {
      throw new BadRequestException(check.getHost() + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      throw ProviderException.unreachable(name() + " MiAuth check", e);
    }
    JsonNode answer;
    try {
      answer = r.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          name() + " MiAuth check answered HTTP " + r.status() + ", not JSON");
    }
    if (!r.ok()) {
      String code = Json.text(answer, "error", "code");
      throw new ProviderException(
          name()
              + " refused the MiAuth check: HTTP "
              + r.status()
              + (code == null ? "" : " " + ProviderException.clean(code)));
    }
    if (!answer.path("ok").asBoolean(false)) {
      return new LoginResult.Declined();
    }
    String token = Json.text(answer, "token");
    JsonNode user = answer.path("user");
    String username = Json.text(user, "username");
    if (token == null
        || token.isBlank()
        || Json.text(user, "id") == null
        || username == null
        || username.contains("@")) {
      throw new ProviderException(name() + " MiAuth check gave no token or user");
    }
    ObjectNode extra = Json.object();
    extra.put("instance", pending.instance());
    extra.put("permission", String.join(",", flavor.permissions()));
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(
                kind(), "@" + username + "@" + URI.create(pending.instance()).getRawAuthority()),
            name(),
            new AccessToken.Bearer(token),
            null,
            null,
            user.toString(),
            extra.toString()));
  }

  /** Misskey takes the token as a Bearer header as well as the {@code i} body field. */
  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return OAuth2Site.bearer(call, record);
  }

  /** Configures a {@link MiAuthSite}. Every setter replaces; nothing is built lazily. */
  public static final class Builder<A extends AuthEntity>
      extends AbstractSite.Builder<A, Builder<A>> {
    private final Flavor<A> flavor;
    private String appName = "oauth-dropins";

    private Builder(Flavor<A> flavor) {
      super(flavor.software().name(), flavor.software().kind(), flavor.software().entity());
      this.flavor = flavor;
      button(flavor.software().button());
    }

    @Override
    protected Builder<A> self() {
      return this;
    }

    /** MiAuth has no app credentials: the app names itself on each request. */
    @Override
    protected boolean credentialsRequired() {
      return false;
    }

    /** The app name the instance shows on its consent page. */
    public Builder<A> appName(String name) {
      this.appName = Objects.requireNonNull(name, "appName");
      return this;
    }

    /** The site with these settings. */
    public MiAuthSite<A> build() {
      return new MiAuthSite<>(this);
    }
  }
}
