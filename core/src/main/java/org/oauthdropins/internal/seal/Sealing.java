package org.oauthdropins.internal.seal;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.keys.CannotOpenException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one store seals: its key ring (read once, when first needed, so that an embedded store's key
 * file is read on the thread that opens the database) and which sites' logins and registrations it
 * seals. Turns a value the ring cannot open into the 503 that names its key id, logged once per key
 * id at ERROR and never with the value. Public for the stores of other modules.
 */
public final class Sealing {

  private static final Logger LOG = LoggerFactory.getLogger(Sealing.class);

  private final KeySource source;
  private final Predicate<String> sealsSite;
  private final Set<Integer> logged = ConcurrentHashMap.newKeySet();
  private volatile KeyRing ring;

  private Sealing(KeySource source, Predicate<String> sealsSite) {
    this.source = Objects.requireNonNull(source, "source");
    this.sealsSite = sealsSite;
  }

  /** Sealing every value under this ring. */
  public static Sealing of(KeyRing ring) {
    Objects.requireNonNull(ring, "ring");
    Sealing s = new Sealing(KeySource.of(ring), site -> true);
    s.ring = ring;
    return s;
  }

  /** Sealing under the ring a source gives, asked once, when first needed. */
  public static Sealing of(KeySource source) {
    return new Sealing(source, site -> true);
  }

  /**
   * The same, but sealing the logins and registrations of only the sites this accepts; the others'
   * are written as given (for kinds another app reads, as the Python library does the Datastore's),
   * and are still opened where they were sealed. Pending logins are sealed whatever their site.
   */
  public Sealing onlyForSites(Predicate<String> sealsSite) {
    Sealing s = new Sealing(source, Objects.requireNonNull(sealsSite, "sealsSite"));
    s.ring = ring;
    return s;
  }

  /**
   * The ring.
   *
   * @throws StoreUnavailableException if the source fails (e.g. the key file cannot be read)
   */
  public KeyRing ring() {
    KeyRing r = ring;
    if (r == null) {
      synchronized (this) {
        r = ring;
        if (r == null) {
          try {
            r = Objects.requireNonNull(source.keyRing(), "the key source gave no ring");
          } catch (RuntimeException e) {
            LOG.error("credential store failed: its key ring could not be read: {}", e.toString());
            throw new StoreUnavailableException(
                "the credential store's key ring could not be read; see the log", e);
          }
          ring = r;
        }
      }
    }
    return r;
  }

  /**
   * The ring of {@link KeySource#environment()}, for a store made without one.
   *
   * @param store the store's class, e.g. {@code JdbcStore}
   * @param withRing the form that takes a ring, e.g. {@code new JdbcStore(dataSource, keyRing)}
   * @throws IllegalStateException naming what to set, if there is none
   */
  public static KeyRing environmentRing(String store, String withRing) {
    return KeySource.environment()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    store
                        + " seals tokens at rest and needs a key ring: set the environment variable "
                        + KeySource.ENVIRONMENT_VARIABLE
                        + " to one (its text form, e.g. from KeyRing.generate().spec()), or put it in"
                        + " the file "
                        + KeySource.FILE_NAME
                        + " in the working directory, or pass one: "
                        + withRing));
  }

  /** Whether the logins and registrations of this site are sealed when written. */
  boolean seals(String site) {
    return sealsSite.test(site);
  }

  /** The associated data of a value: its row's key and field, unambiguous whatever they hold. */
  static String context(String... parts) {
    return Json.write(List.of(parts));
  }

  /** A value sealed for its place; null stays null. */
  String seal(String plaintext, String context) {
    return plaintext == null ? null : ring().seal(plaintext, context);
  }

  /**
   * A stored value opened; null, and a value stored before sealing began, are returned as they are.
   *
   * @throws StoreUnavailableException naming the key id, if the ring cannot open it
   */
  String open(String stored, String context) {
    if (!KeyRing.isSealed(stored)) {
      return stored;
    }
    try {
      return ring().open(stored, context);
    } catch (CannotOpenException e) {
      throw unreadable(e);
    }
  }

  /**
   * Whether a stored value is as a write makes it now: sealed under the ring's first key where its
   * site is sealed ({@code seals}), not sealed where it is not.
   */
  boolean current(String stored, boolean seals) {
    if (stored == null) {
      return true;
    }
    return seals
        ? KeyRing.isSealed(stored) && KeyRing.keyIdOf(stored) == ring().primaryId()
        : !KeyRing.isSealed(stored);
  }

  /** The same for the credentials of a stored JSON document. */
  boolean currentDocument(String doc, boolean seals) {
    return seals
        ? SealedJson.allCredentials(doc, v -> current(v, true))
        : doc == null || !doc.contains(KeyRing.SEALED_PREFIX);
  }

  /** The 503 for a value the ring cannot open, logged once per key id. */
  StoreUnavailableException unreadable(CannotOpenException e) {
    String message =
        e.getMessage()
            + ". The row is left as it is; set the key ring that sealed it (OAUTH_DROPINS_KEYS,"
            + " the file oauth_dropins_keys, or the ring given to the store)";
    if (logged.add(e.keyId())) {
      LOG.error("credential store: {}", message);
    }
    return new StoreUnavailableException(message, e);
  }

  /** The key id of a 503 for a value that did not open, or null for any other failure. */
  static Integer unreadableKeyId(StoreUnavailableException e) {
    return e.getCause() instanceof CannotOpenException c ? c.keyId() : null;
  }
}
