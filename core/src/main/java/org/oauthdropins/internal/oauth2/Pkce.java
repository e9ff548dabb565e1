package org.oauthdropins.internal.oauth2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * A PKCE pair (RFC 7636), always S256: {@code plain} is never sent.
 *
 * @param verifier the secret kept by the client until the token request
 * @param challenge BASE64URL(SHA256(verifier)), sent with the authorization request
 */
public record Pkce(String verifier, String challenge) {

  /** The only method the library uses. */
  public static final String METHOD = "S256";

  /** A fresh pair with a 43-character verifier (32 random bytes). */
  public static Pkce create() {
    String verifier = Secrets.random(32);
    return new Pkce(verifier, challenge(verifier));
  }

  /** The S256 challenge of a verifier. */
  public static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Pkce[S256]";
  }
}
