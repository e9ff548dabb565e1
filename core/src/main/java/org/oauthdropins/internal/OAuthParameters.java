package org.oauthdropins.internal;

/**
 * The names of the OAuth 2 and OpenID Connect request and response parameters that the engines send
 * and read, in one place (RFC 6749 §4.1 and §5, RFC 7636 §4, RFC 9126, RFC 9207, OpenID Connect
 * Core §3.1.2.1), so that no engine spells one differently.
 */
public final class OAuthParameters {

  private OAuthParameters() {}

  public static final String CLIENT_ID = "client_id";
  public static final String CLIENT_SECRET = "client_secret";
  public static final String REDIRECT_URI = "redirect_uri";
  public static final String RESPONSE_TYPE = "response_type";

  /** How the authorization response is delivered (OAuth 2.0 Multiple Response Type Encoding). */
  public static final String RESPONSE_MODE = "response_mode";

  /**
   * The response mode that POSTs the result to the callback (OAuth 2.0 Form Post Response Mode).
   */
  public static final String FORM_POST = "form_post";

  public static final String SCOPE = "scope";
  public static final String STATE = "state";
  public static final String CODE = "code";
  public static final String GRANT_TYPE = "grant_type";

  public static final String REFRESH_TOKEN = "refresh_token";
  public static final String ACCESS_TOKEN = "access_token";
  public static final String CODE_VERIFIER = "code_verifier";
  public static final String CODE_CHALLENGE = "code_challenge";
  public static final String CODE_CHALLENGE_METHOD = "code_challenge_method";
  public static final String ERROR = "error";
  public static final String ERROR_DESCRIPTION = "error_description";
  public static final String ERROR_URI = "error_uri";
  public static final String ISS = "iss";
  public static final String NONCE = "nonce";
  public static final String PROMPT = "prompt";
  public static final String LOGIN_HINT = "login_hint";
  public static final String REQUEST_URI = "request_uri";
}
