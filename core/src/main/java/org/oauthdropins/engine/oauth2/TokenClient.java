package org.oauthdropins.engine.oauth2;

import static org.oauthdropins.internal.OAuthParameters.CLIENT_ID;
import static org.oauthdropins.internal.OAuthParameters.CLIENT_SECRET;
import static org.oauthdropins.internal.OAuthParameters.CODE;
import static org.oauthdropins.internal.OAuthParameters.CODE_VERIFIER;
import static org.oauthdropins.internal.OAuthParameters.ERROR;
import static org.oauthdropins.internal.OAuthParameters.ERROR_DESCRIPTION;
import static org.oauthdropins.internal.OAuthParameters.ERROR_URI;
import static org.oauthdropins.internal.OAuthParameters.GRANT_TYPE;
import static org.oauthdropins.internal.OAuthParameters.REDIRECT_URI;
import static org.oauthdropins.internal.OAuthParameters.REFRESH_TOKEN;
import static org.oauthdropins.internal.OAuthParameters.REQUEST_URI;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.Credentials;
import org.oauthdropins.errors.OAuthError;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;

/**
 * Talks to one token endpoint: code exchange and refresh (RFC 6749 §4.1.3, §6), with the client
 * authentication the site wants. Every OAuth 2 based engine uses it.
 *
 * @param site the site name, for messages
 * @param tokenUrl the token endpoint
 * @param credentials the client's id and secret
 * @param clientAuth how the client authenticates
 * @param transport how the endpoint is reached
 * @param secret where each request's client secret comes from; the credentials' own by default
 * @param params parameters every request of this client carries besides its own, for a login whose
 *     server wants them back each time (what it kept from its callback, see {@link
 *     OAuth2Spec#callbackParams}); empty for most
 */
public record TokenClient(
    String site,
    URI tokenUrl,
    Credentials credentials,
    ClientAuth clientAuth,
    HttpTransport transport,
    ClientSecret secret,
    Map<String, String> params) {

  /**
   * The grant type of the code exchange (RFC 6749 §4.1.3). This class is the one that posts it, for
   * every OAuth 2 site; client metadata that lists the grant types it uses names it from here.
   */
  public static final String AUTHORIZATION_CODE = "authorization_code";

  /** Makes the value, checking its components. */
  public TokenClient {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clientAuth, "clientAuth");
    Objects.requireNonNull(transport, "transport");
    if (secret == null) {
      secret = credentials::clientSecret;
    }
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A client whose requests carry only their own parameters. */
  public TokenClient(
      String site,
      URI tokenUrl,
      Credentials credentials,
      ClientAuth clientAuth,
      HttpTransport transport,
      ClientSecret secret) {
    this(site, tokenUrl, credentials, clientAuth, transport, secret, Map.of());
  }

  /** A client whose secret is the fixed one of its credentials. */
  public TokenClient(
      String site,
      URI tokenUrl,
      Credentials credentials,
      ClientAuth clientAuth,
      HttpTransport transport) {
    this(site, tokenUrl, credentials, clientAuth, transport, null);
  }

  /**
   * A client that is identified by its id alone, with no secret (RFC 6749 §2.1 public clients:
   * IndieAuth's client id URL, an atproto client metadata URL).
   */
  public static TokenClient publicClient(
      String site, URI tokenUrl, String clientId, HttpTransport transport) {
    return new TokenClient(
        site, tokenUrl, new Credentials(clientId, ""), ClientAuth.NONE, transport);
  }

  /**
   * This client at another endpoint that answers like its token endpoint (Figma's separate refresh
   * endpoint), with the same authentication and transport.
   */
  public TokenClient at(URI url) {
    return new TokenClient(site, url, credentials, clientAuth, transport, secret);
  }

  /**
   * This client, sending within a browser request's time budget: the token leg of a callback is one
   * of its fetches.
   */
  public TokenClient within(FetchBudget budget) {
    HttpTransport t = transport.within(budget);
    return t == transport
        ? this
        : new TokenClient(site, tokenUrl, credentials, clientAuth, t, secret, params);
  }

  /** This client, its requests also carrying these parameters (a login's kept callback ones). */
  public TokenClient withParams(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> all = new LinkedHashMap<>(params);
    all.putAll(more);
    return new TokenClient(site, tokenUrl, credentials, clientAuth, transport, secret, all);
  }

  /**
   * Exchanges an authorization code.
   *
   * @param code the code from the callback
   * @param redirectUri the exact redirect URI of the authorization request
   * @param verifier the PKCE verifier, or null if none was sent
   * @param extra further body parameters the site wants, in order
   */
  public TokenResponse exchange(
      String code, String redirectUri, String verifier, Map<String, String> extra) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(GRANT_TYPE, AUTHORIZATION_CODE);
    form.put(CODE, code);
    form.put(REDIRECT_URI, redirectUri);
    form.put(CODE_VERIFIER, verifier);
    form.putAll(extra);
    return post(form);
  }

  /** Exchanges a refresh token for new tokens. */
  public TokenResponse refresh(String refreshToken) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(GRANT_TYPE, REFRESH_TOKEN);
    form.put(REFRESH_TOKEN, refreshToken);
    return post(form);
  }

  /**
   * Sends parameters to the token endpoint with client authentication and reads the answer: a form
   * POST, or a GET with a query for {@link ClientAuth#QUERY}.
   */
  public TokenResponse post(Map<String, String> params) {
    return send(authenticated(tokenUrl, params));
  }

  /**
   * Pushes an authorization request (RFC 9126 §2.1) to the server's PAR endpoint with this client's
   * authentication, through this client's transport (a DPoP one, for a login with a key).
   *
   * @param parEndpoint the pushed authorization request endpoint
   * @param params the authorization request's parameters
   * @return the {@code request_uri} the browser takes to the authorization endpoint
   * @throws ProviderException if the server refuses the request or answers without a request URI
   */
  public String push(URI parEndpoint, Map<String, String> params) {
    HttpResult result;
    try {
      result =
          transport.send(authenticated(parEndpoint, params).header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable(site + " pushed authorization request endpoint", e);
    }
    JsonNode body;
    try {
      body = result.json();
    } catch (IllegalArgumentException e) {
      body = Json.object();
    }
    Optional<OAuthError> error =
        OAuthError.of(
            Json.text(body, ERROR), Json.text(body, ERROR_DESCRIPTION), Json.text(body, ERROR_URI));
    if (error.isPresent()) {
      throw ProviderException.refused(site + " refused the authorization request", error.get());
    }
    String requestUri = Json.text(body, REQUEST_URI);
    if (!result.ok() || requestUri == null) {
      throw new ProviderException(
          site
              + " pushed authorization request answered HTTP "
              + result.status()
              + " without a request_uri");
    }
    return requestUri;
  }

  /**
   * A form POST of these parameters to this client's endpoint with its authentication, unsent: for
   * an endpoint that does not answer with tokens (RFC 7009 revocation).
   */
  public HttpCall request(Map<String, String> params) {
    return authenticated(tokenUrl, params);
  }

  /** A request to one of the server's endpoints, carrying this client's authentication. */
  private HttpCall authenticated(URI url, Map<String, String> own) {
    Map<String, String> form = new LinkedHashMap<>(own);
    params.forEach(form::putIfAbsent);
    if (clientAuth != ClientAuth.BASIC) {
      form.put(CLIENT_ID, credentials.clientId());
    }
    if (clientAuth == ClientAuth.POST || clientAuth == ClientAuth.QUERY) {
      form.put(CLIENT_SECRET, secret.current());
    }
    HttpCall call =
        clientAuth == ClientAuth.QUERY
            ? HttpCall.get(URI.create(Form.appendQuery(url.toString(), form)))
            : HttpCall.postForm(url, form);
    if (clientAuth == ClientAuth.BASIC) {
      call =
          call.header(
              "Authorization", basic(new Credentials(credentials.clientId(), secret.current())));
    }
    return call;
  }

  /**
   * A GET with query parameters to another endpoint that answers like a token endpoint, such as
   * Meta's long-lived token exchange; the parameters carry whatever credentials it wants.
   */
  public TokenResponse get(URI url, Map<String, String> query) {
    return send(HttpCall.get(URI.create(Form.appendQuery(url.toString(), query))));
  }

  private TokenResponse send(HttpCall call) {
    HttpResult result;
    try {
      result = transport.send(call.header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable(site + " token endpoint", e);
    }
    return TokenResponse.parse(site, result);
  }

  /** The client_secret_basic header: both parts form-encoded before base64 (RFC 6749 §2.3.1). */
  public static String basic(Credentials c) {
    String pair = Form.encode(c.clientId()) + ":" + Form.encode(c.clientSecret());
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "TokenClient[" + site + " " + tokenUrl + ", " + clientAuth + "]";
  }

  /**
   * Redeems a code for the profile alone, at the authorization endpoint this client was made with
   * as its {@code tokenUrl} (IndieAuth §5.3.2): no access token comes back, only who signed in. The
   * answer is returned as a token response without a token, whose {@link TokenResponse#json} holds
   * {@code me} and the profile.
   *
   * @throws ProviderException if the server is unreachable, refuses the code or answers nonsense
   */
  public TokenResponse redeemForProfile(String code, String redirectUri, String verifier) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(GRANT_TYPE, AUTHORIZATION_CODE);
    form.put(CODE, code);
    form.put(CLIENT_ID, credentials.clientId());
    form.put(REDIRECT_URI, redirectUri);
    form.put(CODE_VERIFIER, verifier);
    HttpResult r;
    try {
      r = transport.send(HttpCall.postForm(tokenUrl, form).header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable(site + " server", e);
    }
    JsonNode json;
    try {
      json = r.json();
    } catch (IllegalArgumentException e) {
      throw new ProviderException(
          site + " server answered HTTP " + r.status() + " with something that is not JSON");
    }
    String error = Json.text(json, ERROR);
    if (error != null || !r.ok()) {
      throw new ProviderException(
          site
              + " server refused the code: "
              + (error == null ? "HTTP " + r.status() : ProviderException.clean(error)));
    }
    return new TokenResponse(null, null, null, null, null, json);
  }

  /**
   * Whether the server says it does not know this client: a registration made per instance that the
   * instance forgot (Mastodon, Pixelfed). A code exchange with this client's authentication and a
   * code that cannot exist is answered {@code invalid_client} only for an unknown client: RFC 6749
   * §5.2 defines that error as failed client authentication, and both Mastodon's Doorkeeper and
   * Pixelfed's Laravel Passport (league/oauth2-server) authenticate the client before they look at
   * the code, which they then refuse with {@code invalid_grant} or {@code invalid_request}. Any
   * other answer, or none, proves nothing: false.
   *
   * @param redirectUri a redirect URI of the client, or null
   */
  public boolean forgot(String redirectUri) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(GRANT_TYPE, AUTHORIZATION_CODE);
    form.put(CODE, org.oauthdropins.internal.secrets.Secrets.random(24));
    form.put(REDIRECT_URI, redirectUri == null ? "" : redirectUri);
    try {
      HttpResult r =
          transport.send(authenticated(tokenUrl, form).header("Accept", "application/json"));
      return !r.ok() && "invalid_client".equals(Json.text(r.json(), ERROR));
    } catch (IOException
        | IllegalArgumentException
        | ProviderException
        | org.oauthdropins.errors.BadRequestException e) {
      return false;
    }
  }
}
