package org.oauthdropins.internal.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/** Random values and masking, in one place so that every token and nonce is made the same way. */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A random URL-safe string carrying {@code bytes} bytes of entropy. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A form of a secret that is safe to print: its length and nothing else. */
  public static String mask(String secret) {
    return secret == null ? "null" : "***(" + secret.length() + ")";
  }

  /** Compiled once: every sealed login asks about each of its fields' names. */

  /**
   * Whether a JSON field holds a credential, by its name, for the stored login's redacted view and
   * for sealing at rest alike: a token, secret, password, JWT or key of any kind ({@code
   * access_token}, {@code access_token_secret}, {@code refreshJwt}, {@code dpop_key}), but not
   * where one is sent or what type it is ({@code token_endpoint}, {@code token_type}).
   */
  public static boolean isCredentialName(String name) {
    String n = lettersOf(name);
    if (n.endsWith("endpoint") || n.endsWith("url") || n.endsWith("uri") || n.endsWith("type")) {
      return false;
    }
    return n.contains("token")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("jwt")
        || n.contains("dpop")
        || n.endsWith("key");
  }

  /**
   * The name lower-cased, with every character but a to z dropped: a loop, not a regular
   * expression, since every field of every user document sealed passes here.
   */
  private static String lettersOf(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z') {
        b.append(c);
      }
    }
    return b.toString();
  }
}
