package org.oauthdropins.engine.oauth1;

import static org.oauthdropins.internal.oauth1.OAuth1Parameters.DENIED;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_CALLBACK;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_CALLBACK_CONFIRMED;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_PROBLEM;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_TOKEN;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_TOKEN_SECRET;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.OAUTH_VERIFIER;
import static org.oauthdropins.internal.oauth1.OAuth1Parameters.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.EntityFactory;
import org.oauthdropins.KeyId;
import org.oauthdropins.LoginResult;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.WebRequest;

/**
 * The OAuth 1.0a flow (RFC 5849 §2), configured by data: temporary credentials with {@code
 * oauth_callback}, the user's authorization, and the access token with {@code oauth_verifier}.
 *
 * <p>The state nonce rides in the callback URL ({@code oauth_callback=<callback>?state=<nonce>}),
 * since OAuth 1 has no state parameter; the provider appends its own parameters to it, and the
 * generic {@link org.oauthdropins.Callback} finds the pending login by it. The temporary secret
 * lives only in that pending login in the store, so it expires with it and is deleted on use.
 */
public final class OAuth1Site<A extends AuthEntity> extends AbstractSite<A> {

  private static final int MAX_PARAM = 1024;

  /**
   * What to ask for, from the requested scopes.
   *
   * @param authorizeUrl where the user authorizes
   * @param authorizeParams further parameters of the authorization URL (Flickr {@code perms})
   * @param requestTokenQuery further parameters of the temporary-credential request (Twitter {@code
   *     x_auth_access_type}); they are signed, being in the query
   */
  public record Plan(
      URI authorizeUrl,
      Map<String, String> authorizeParams,
      Map<String, String> requestTokenQuery) {
    /** Makes the value, checking its components. */
    public Plan {
      Objects.requireNonNull(authorizeUrl, "authorizeUrl");
      authorizeParams = new LinkedHashMap<>(authorizeParams);
      requestTokenQuery = new LinkedHashMap<>(requestTokenQuery);
    }
  }

  /** Fetches who the user is with the new access token. */
  @FunctionalInterface
  public interface Profile {
    /**
     * @param api sends requests signed with the access token
     * @param access every field of the access-token response (Flickr sends {@code user_nsid})
     * @throws IOException if the site cannot be reached
     */
    JsonNode load(SignedClient api, Map<String, String> access) throws IOException;
  }

  private final OAuth1Signer signer;
  private final URI requestTokenUrl;
  private final String requestTokenMethod;
  private final URI accessTokenUrl;
  private final String accessTokenMethod;
  private final Function<List<String>, Plan> plan;
  private final boolean declineWithoutVerifier;
  private final Profile profile;
  private final KeyId keyId;

  private OAuth1Site(Builder<A> b) {
    super(b, UnaryOperator.identity());
    this.signer = new OAuth1Signer(credentials(), clock());
    this.requestTokenUrl = Objects.requireNonNull(b.requestTokenUrl, "requestTokenUrl");
    this.requestTokenMethod = b.requestTokenMethod;
    this.accessTokenUrl = Objects.requireNonNull(b.accessTokenUrl, "accessTokenUrl");
    this.accessTokenMethod = b.accessTokenMethod;
    this.plan = Objects.requireNonNull(b.plan, "authorizeUrl or plan");
    this.declineWithoutVerifier = b.declineWithoutVerifier;
    this.profile = Objects.requireNonNull(b.profile, "profile");
    this.keyId = Objects.requireNonNull(b.keyId, "keyId");
  }

  /**
   * Starts a site definition.
   *
   * @param name the site name, e.g. {@code twitter}
   * @param kind the entity kind, e.g. {@code TwitterAuth}
   */
  public static Builder<OAuth1Auth> builder(String name, String kind) {
    return new Builder<>(name, kind, OAuth1Auth::new);
  }

  /**
   * What a login keeps between the authorization request and the callback: the temporary
   * credentials (RFC 5849 §2.1), whose secret signs the token request.
   */
  record Pending(String requestToken, String requestTokenSecret) {
    @Override
    public String toString() {
      return "Pending[requestToken=" + (requestToken != null) + ", requestTokenSecret=***]";
    }
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    Plan p = plan.apply(request.scopes());
    String callback =
        Form.appendQuery(
            request.callbackUrl().toString(), Map.of(OAuthParameters.STATE, request.state()));
    URI url = URI.create(Form.appendQuery(requestTokenUrl.toString(), p.requestTokenQuery()));
    Map<String, String> temp =
        tokenCall(
            "request token",
            new HttpCall(requestTokenMethod, url, List.of(), null, request.budget()),
            null,
            null,
            Map.of(OAUTH_CALLBACK, callback));
    if (!"true".equals(temp.get(OAUTH_CALLBACK_CONFIRMED))) {
      // RFC 5849 §2.1: without it the server may be a pre-1.0a one that ignores the callback.
      throw new ProviderException(
          name() + " did not confirm the callback (oauth_callback_confirmed)");
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put(OAUTH_TOKEN, temp.get(OAUTH_TOKEN));
    q.putAll(p.authorizeParams());
    return Authorization.of(
        URI.create(Form.appendQuery(p.authorizeUrl().toString(), q)),
        callback,
        new Pending(temp.get(OAUTH_TOKEN), temp.get(OAUTH_TOKEN_SECRET)));
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    WebRequest web = request.web();
    Pending pending = request.data(Pending.class);
    String requestToken = pending.requestToken();
    Optional<String> denied = web.parameter(DENIED);
    if (denied.isPresent()) {
      if (!denied.get().equals(requestToken)) {
        throw new BadRequestException("denied names another request token");
      }
      return new LoginResult.Declined();
    }
    Optional<String> token = web.parameter(OAUTH_TOKEN).filter(t -> !t.isBlank());
    Optional<String> verifier = web.parameter(OAUTH_VERIFIER).filter(v -> !v.isBlank());
    if (verifier.isEmpty()) {
      if (declineWithoutVerifier && token.map(requestToken::equals).orElse(true)) {
        return new LoginResult.Declined();
      }
      throw new BadRequestException("missing oauth_verifier parameter");
    }
    if (token.isEmpty()) {
      throw new BadRequestException("missing oauth_token parameter");
    }
    if (!token.get().equals(requestToken)) {
      throw new BadRequestException("oauth_token does not match this login");
    }
    if (verifier.get().length() > MAX_PARAM) {
      throw new BadRequestException("oauth_verifier is too long");
    }
    Map<String, String> access =
        tokenCall(
            "access token",
            new HttpCall(accessTokenMethod, accessTokenUrl, List.of(), null, request.budget()),
            requestToken,
            pending.requestTokenSecret(),
            Map.of(OAUTH_VERIFIER, verifier.get()));
    SignedClient api =
        new SignedClient(
            name(),
            signer,
            access.get(OAUTH_TOKEN),
            access.get(OAUTH_TOKEN_SECRET),
            request.within(transport()));
    JsonNode user;
    try {
      user = profile.load(api, access);
    } catch (IOException e) {
      throw ProviderException.unreachable(name() + " profile endpoint", e);
    }
    ObjectNode answer = Json.object();
    access.forEach(answer::put);
    String id = keyId.of(user, answer);
    if (id == null || id.isBlank()) {
      throw new ProviderException(name() + " profile has no user id");
    }
    ObjectNode extra = Json.object();
    access.forEach(
        (k, v) -> {
          if (!k.startsWith(PREFIX)) {
            extra.put(k, v);
          }
        });
    return new LoginResult.Authenticated(
        AuthRecord.of(
            new Key(kind(), id),
            name(),
            new AccessToken.OAuth1(access.get(OAUTH_TOKEN), access.get(OAUTH_TOKEN_SECRET)),
            null,
            null,
            user.toString(),
            extra.toString()));
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    if (!(record.token() instanceof AccessToken.OAuth1 t)) {
      throw new IllegalStateException("no OAuth 1 token stored for " + record.key());
    }
    return signer.sign(call, t.key(), t.secret(), Map.of());
  }

  /** Sends one signed request to a token endpoint and reads its form-encoded token answer. */
  private Map<String, String> tokenCall(
      String step, HttpCall call, String token, String secret, Map<String, String> extra) {
    HttpResult result;
    try {
      result = transport().send(signer.sign(call, token, secret, extra));
    } catch (IOException e) {
      throw ProviderException.unreachable(name() + " " + step + " endpoint", e);
    }
    String text = result.text().strip();
    Map<String, String> form = Map.of();
    if (text.contains("=") && !text.startsWith("<") && !text.startsWith("{")) {
      try {
        form = Form.decode(text);
      } catch (IllegalArgumentException e) {
        // a malformed % escape (found by fuzzing): no usable form, refused below
      }
    }
    if (!result.ok()) {
      String problem = form.get(OAUTH_PROBLEM);
      throw new ProviderException(
          name()
              + " refused the "
              + step
              + " request: HTTP "
              + result.status()
              + (problem == null ? "" : " (" + ProviderException.clean(problem) + ")"));
    }
    if (form.get(OAUTH_TOKEN) == null || form.get(OAUTH_TOKEN_SECRET) == null) {
      throw new ProviderException(name() + " " + step + " response has no oauth_token");
    }
    return form;
  }

  /** Configures an {@link OAuth1Site}. Every setter replaces; nothing is built lazily. */
  public static final class Builder<A extends AuthEntity>
      extends AbstractSite.Builder<A, Builder<A>> {
    private URI requestTokenUrl;
    private String requestTokenMethod = "POST";
    private URI accessTokenUrl;
    private String accessTokenMethod = "POST";
    private Function<List<String>, Plan> plan;
    private boolean declineWithoutVerifier;
    private Profile profile;
    private KeyId keyId;

    private Builder(String name, String kind, EntityFactory<A> entity) {
      super(name, kind, entity);
    }

    @Override
    protected Builder<A> self() {
      return this;
    }

    /** The entity type the site makes; the builder is retyped for it. */
    public <E extends AuthEntity> Builder<E> entity(EntityFactory<E> f) {
      return withEntity(f);
    }

    /** The temporary-credential endpoint and its method ({@code POST} or {@code GET}). */
    public Builder<A> requestTokenUrl(String method, URI u) {
      this.requestTokenMethod = method;
      this.requestTokenUrl = u;
      return this;
    }

    /** The token endpoint and its method ({@code POST} or {@code GET}). */
    public Builder<A> accessTokenUrl(String method, URI u) {
      this.accessTokenMethod = method;
      this.accessTokenUrl = u;
      return this;
    }

    /** A fixed authorization URL, for sites without scopes. */
    public Builder<A> authorizeUrl(URI u) {
      this.plan = scopes -> new Plan(u, Map.of(), Map.of());
      return this;
    }

    /**
     * What to ask for, from the requested scopes; throw {@link BadRequestException} for scopes the
     * site does not know.
     */
    public Builder<A> plan(Function<List<String>, Plan> p) {
      this.plan = p;
      return this;
    }

    /**
     * Whether coming back without {@code oauth_verifier} means the user said no (Tumblr calls back
     * with no token at all). Otherwise only Twitter's {@code denied} does, and a missing verifier
     * is a bad request.
     */
    public Builder<A> declineWithoutVerifier(boolean on) {
      this.declineWithoutVerifier = on;
      return this;
    }

    /** How to fetch the user's profile. */
    public Builder<A> profile(Profile p) {
      this.profile = p;
      return this;
    }

    /** Where the key id is, in the profile or the access-token response. */
    public Builder<A> keyId(KeyId f) {
      this.keyId = f;
      return this;
    }

    /** The site with these settings. */
    public OAuth1Site<A> build() {
      return new OAuth1Site<>(this);
    }
  }
}
