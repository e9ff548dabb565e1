package org.oauthdropins.internal.secrets;

import java.security.SecureRandom;
import java.util.Base64;

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
}
