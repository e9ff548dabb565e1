package org.oauthdropins.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal secrets at rest (tokens, refresh tokens, OAuth 1 secrets, DPoP private keys,
 * client secrets) and the logins cookie: AES-256-GCM keys, each with a numeric id. The first key
 * seals; every key opens what it sealed, so a ring can be rotated without rewriting anything at
 * once: put a new key first, keep the old ones until every row has been sealed again.
 *
 * <p>A sealed value is text, {@code {sealed:<key id>}<base64url>}: it names its key, so a value
 * whose key is missing fails with that key's id instead of as garbage. Each value is sealed for a
 * context (the row's key and the field's name, as associated data): moved to another row or field,
 * it no longer opens. The cipher is the JDK's AES-GCM with a random 96-bit nonce per value and a
 * 128-bit tag; the sealed bytes are the nonce, then the ciphertext and tag (the layout of Tink's
 * AES-GCM keys without an output prefix, which sealed values before the JDK's cipher did).
 *
 * <p>The text form of a ring, for configuration ({@code OAUTH_DROPINS_KEYS}, a file, a Spring
 * property), is {@code <id>:<32 bytes in base64>} per key, separated by commas, sealing key first:
 * {@link #parse} reads it, {@link #spec} writes it and {@link #generate} makes a new one. {@code
 * toString()} shows the ids only.
 */
public final class KeyRing {

  /** The prefix that marks a sealed value; a value without it was stored before sealing began. */
  public static final String SEALED_PREFIX = "{sealed:";

  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /**
   * Ciphers to reuse, each by one caller at a time: getting one looks up the JDK's provider, a cost
   * per value that a pool of as many as run at once avoids.
   */
  private static final Queue<Cipher> CIPHERS = new ConcurrentLinkedQueue<>();

  /** The keys by id, in ring order: the first seals. */
  private final Map<Integer, byte[]> keys;

  private final Map<Integer, SecretKeySpec> secretKeys;
  private final Map<Integer, String> checkValues;
  private final int primary;

  private KeyRing(Map<Integer, byte[]> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a key ring needs at least one key");
    }
    Map<Integer, byte[]> copy = new LinkedHashMap<>();
    Map<Integer, SecretKeySpec> prims = new LinkedHashMap<>();
    Map<Integer, String> checks = new LinkedHashMap<>();
    keys.forEach(
        (id, bytes) -> {
          copy.put(id, bytes.clone());
          prims.put(id, new SecretKeySpec(bytes, "AES"));
          checks.put(id, checkValue(bytes));
        });
    this.keys = Collections.unmodifiableMap(copy);
    this.secretKeys = Collections.unmodifiableMap(prims);
    this.checkValues = Collections.unmodifiableMap(checks);
    this.primary = copy.keySet().iterator().next();
  }

  /**
   * A ring of one new random key with a random id: what an app starts with, and what {@link
   * #rotated} puts in front of an existing ring.
   */
  public static KeyRing generate() {
    Map<Integer, byte[]> one = new LinkedHashMap<>();
    one.put(newId(Set.of()), randomKey());
    return new KeyRing(one);
  }

  /**
   * Reads a ring from its text form: {@code <id>:<base64 key>} per key (32 bytes each, standard or
   * URL-safe base64), separated by commas or white space, the sealing key first.
   *
   * @throws IllegalArgumentException naming the position of the entry that is malformed (never its
   *     key material)
   */
  public static KeyRing parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    Map<Integer, byte[]> keys = new LinkedHashMap<>();
    int n = 0;
    for (String entry : spec.trim().split("[,\\s]+")) {
      n++;
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "key "
                + n
                + " of the key ring is not <id>:<base64 key> (e.g. 7:"
                + "A".repeat(43)
                + ")");
      }
      int id;
      try {
        id = Integer.parseInt(entry.substring(0, colon));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("key " + n + " of the key ring has no numeric id");
      }
      if (id <= 0) {
        throw new IllegalArgumentException("key " + n + " of the key ring: ids are positive");
      }
      byte[] bytes;
      try {
        String b64 = entry.substring(colon + 1).replace('-', '+').replace('_', '/');
        bytes = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key " + id + " of the key ring is not base64");
      }
      if (bytes.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            "key " + id + " of the key ring has " + bytes.length + " bytes, not " + KEY_BYTES);
      }
      if (keys.put(id, bytes) != null) {
        throw new IllegalArgumentException("key id " + id + " appears twice in the key ring");
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the key ring is empty");
    }
    return new KeyRing(keys);
  }

  /**
   * This ring with a new random key in front: the new key seals from now on, and the old ones still
   * open what they sealed. The first step of a rotation; the second re-seals every stored value
   * ({@code reseal()} on the store), after which the old keys may be dropped ({@link #without}).
   */
  public KeyRing rotated() {
    Map<Integer, byte[]> next = new LinkedHashMap<>();
    next.put(newId(keys.keySet()), randomKey());
    next.putAll(keys);
    return new KeyRing(next);
  }

  /** This ring without one key, once nothing is sealed under it any more. */
  public KeyRing without(int id) {
    Map<Integer, byte[]> rest = new LinkedHashMap<>(keys);
    rest.remove(id);
    return new KeyRing(rest);
  }

  /** This ring with another of its keys sealing: to let a fleet learn a key before it seals. */
  public KeyRing withPrimary(int id) {
    if (!keys.containsKey(id)) {
      throw new IllegalArgumentException("key " + id + " is not in the key ring " + this);
    }
    Map<Integer, byte[]> next = new LinkedHashMap<>();
    next.put(id, keys.get(id));
    next.putAll(keys);
    return new KeyRing(next);
  }

  /** The id of the key that seals. */
  public int primaryId() {
    return primary;
  }

  /** The ids of all keys, the sealing one first. */
  public List<Integer> ids() {
    return List.copyOf(keys.keySet());
  }

  /**
   * A short value that tells the key of this id from any other key, without revealing it (the first
   * 72 bits of an HMAC-SHA256 under the key of a fixed text): a store keeps it beside what a key
   * sealed, so that a write can refuse to go over a row sealed under another key of the same id
   * without opening the row.
   *
   * @throws IllegalArgumentException if the ring has no key of this id
   */
  public String checkValue(int id) {
    String v = checkValues.get(id);
    if (v == null) {
      throw new IllegalArgumentException("key " + id + " is not in the key ring " + this);
    }
    return v;
  }

  /** Whether this ring holds a key with this id. */
  public boolean has(int id) {
    return keys.containsKey(id);
  }

  /**
   * The ring's text form, for configuration: it holds the keys themselves, so it belongs in a
   * secret store or a file only its owner reads, never in a log.
   */
  public String spec() {
    List<String> out = new ArrayList<>();
    keys.forEach((id, bytes) -> out.add(id + ":" + Base64.getEncoder().encodeToString(bytes)));
    return String.join(",", out);
  }

  /**
   * Seals a value under the sealing key for one context (e.g. a row's key and a field's name); it
   * opens only for the same context.
   */
  public String seal(String plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] in = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = cipher();
      c.init(Cipher.ENCRYPT_MODE, secretKeys.get(primary), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated(context));
      byte[] out = new byte[NONCE_BYTES + c.getOutputSize(in.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      c.doFinal(in, 0, in.length, out, NONCE_BYTES);
      CIPHERS.offer(c);
      return SEALED_PREFIX + primary + "}" + B64URL.encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal", e);
    }
  }

  /**
   * Opens a value sealed for this context by any key of the ring.
   *
   * @throws CannotOpenException naming the key id, when the ring lacks that key, the key is not the
   *     one that sealed it, or the value was sealed for another context or altered
   */
  public String open(String sealed, String context) {
    int id = keyIdOf(sealed);
    SecretKeySpec key = secretKeys.get(id);
    if (key == null) {
      throw new CannotOpenException(
          id, "a value is sealed under key " + id + ", which the key ring " + this + " lacks");
    }
    byte[] ct;
    try {
      ct = Base64.getUrlDecoder().decode(sealed.substring(sealed.indexOf('}') + 1));
    } catch (IllegalArgumentException e) {
      throw new CannotOpenException(id, "a value sealed under key " + id + " is not base64url");
    }
    try {
      if (ct.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new AEADBadTagException("too short");
      }
      Cipher c = cipher();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ct, 0, NONCE_BYTES));
      c.updateAAD(associated(context));
      byte[] plain = c.doFinal(ct, NONCE_BYTES, ct.length - NONCE_BYTES);
      CIPHERS.offer(c); // only after a whole operation: a failed one is left to the collector
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new CannotOpenException(
          id,
          "a value sealed under key "
              + id
              + " does not open: the ring's key "
              + id
              + " is not the one that sealed it, or the value was altered or moved from another row");
    }
  }

  private static Cipher cipher() throws GeneralSecurityException {
    Cipher c = CIPHERS.poll();
    return c != null ? c : Cipher.getInstance("AES/GCM/NoPadding");
  }

  /** Whether a stored value is sealed (else it was stored before sealing began). */
  public static boolean isSealed(String value) {
    return value != null && value.startsWith(SEALED_PREFIX);
  }

  /**
   * The id of the key a value is sealed under.
   *
   * @throws CannotOpenException if the value is not a well-formed sealed value
   */
  public static int keyIdOf(String sealed) {
    if (!isSealed(sealed)) {
      throw new CannotOpenException(0, "the value is not sealed");
    }
    int end = sealed.indexOf('}');
    try {
      return Integer.parseInt(sealed.substring(SEALED_PREFIX.length(), end));
    } catch (RuntimeException e) {
      throw new CannotOpenException(0, "a sealed value names no key id");
    }
  }

  /** The ids only: a ring's keys never reach a log. */
  @Override
  public String toString() {
    return "KeyRing" + ids();
  }

  private static byte[] associated(String context) {
    return ("oauth-dropins/1 " + Objects.requireNonNull(context, "context"))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String checkValue(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] v = mac.doFinal("oauth-dropins/1 key check value".getBytes(StandardCharsets.UTF_8));
      return B64URL.encodeToString(Arrays.copyOf(v, 9));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing", e);
    }
  }

  private static byte[] randomKey() {
    byte[] b = new byte[KEY_BYTES];
    RANDOM.nextBytes(b);
    return b;
  }

  private static int newId(Set<Integer> taken) {
    int id;
    do {
      id = 1 + RANDOM.nextInt(Integer.MAX_VALUE - 1);
    } while (taken.contains(id));
    return id;
  }
}
