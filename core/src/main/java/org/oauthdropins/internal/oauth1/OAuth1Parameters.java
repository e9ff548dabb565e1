package org.oauthdropins.internal.oauth1;

/**
 * The names of the OAuth 1.0a protocol parameters (RFC 5849 §2 and §3.1) and Twitter's {@code
 * denied}, in one place, so that no part of the engine spells one differently.
 */
public final class OAuth1Parameters {

  private OAuth1Parameters() {}

  public static final String OAUTH_TOKEN = "oauth_token";
  public static final String OAUTH_TOKEN_SECRET = "oauth_token_secret";
  public static final String OAUTH_CALLBACK = "oauth_callback";
  public static final String OAUTH_CALLBACK_CONFIRMED = "oauth_callback_confirmed";
  public static final String OAUTH_VERIFIER = "oauth_verifier";
  public static final String OAUTH_CONSUMER_KEY = "oauth_consumer_key";
  public static final String OAUTH_NONCE = "oauth_nonce";
  public static final String OAUTH_SIGNATURE = "oauth_signature";
  public static final String OAUTH_SIGNATURE_METHOD = "oauth_signature_method";
  public static final String OAUTH_TIMESTAMP = "oauth_timestamp";
  public static final String OAUTH_VERSION = "oauth_version";

  /** The problem a refusal names (the OAuth Problem Reporting extension), for its message. */
  public static final String OAUTH_PROBLEM = "oauth_problem";

  /** Twitter's callback parameter when the user said no: the request token. */
  public static final String DENIED = "denied";

  /** The prefix of every protocol parameter (RFC 5849 §3.4.1.3.1). */
  public static final String PREFIX = "oauth_";
}
