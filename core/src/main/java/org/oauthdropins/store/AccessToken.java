package org.oauthdropins.store;

import java.util.Objects;
import org.oauthdropins.internal.secrets.Secrets;

/** The credential a login produced. {@code toString()} never shows the secret parts. */
public sealed interface AccessToken {

  /**
   * An OAuth 2 bearer token (or any single-string token).
   *
   * @param value the token
   */
  record Bearer(String value) implements AccessToken {
    /** Makes the value, checking its components. */
    public Bearer {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Bearer[" + Secrets.mask(value) + "]";
    }
  }

  /**
   * An OAuth 1.0a token: key and secret.
   *
   * @param key the token key
   * @param secret the token secret
   */
  record OAuth1(String key, String secret) implements AccessToken {
    /** Makes the value, checking its components. */
    public OAuth1 {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "OAuth1[" + Secrets.mask(key) + ", " + Secrets.mask(secret) + "]";
    }
  }
}
