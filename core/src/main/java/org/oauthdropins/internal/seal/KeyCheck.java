package org.oauthdropins.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.oauthdropins.errors.StoreUnavailableException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.CannotOpenException;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;

/**
 * The start-up check of a sealing store's key ring. A small record in the store (an app
 * registration of site {@value #SITE}, instance {@value #INSTANCE}) lists the ids of the keys that
 * sealed stored values, each with a check value sealed under that key: a ring that lacks one of
 * them, or holds another key under its id, fails here, once and with the key id, instead of on
 * every row, and before it seals anything with a key that would make two keys of one id. The ring's
 * first key is recorded before it seals anything. Public for the stores of other modules.
 */
public final class KeyCheck {

  /** The site of the record, the library's own. */
  public static final String SITE = "oauth-dropins";

  /** The instance of the record. */
  public static final String INSTANCE = "key-ring";

  private static final String CHECK = "oauth-dropins key check";
  private static final int TRIES = 10;

  private final AppRegistrations raw;
  private final Sealing sealing;
  private volatile boolean passed;

  /**
   * @param raw the store's own registrations, which keep the record as it is given
   * @param sealing the ring to check
   */
  public KeyCheck(AppRegistrations raw, Sealing sealing) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.sealing = Objects.requireNonNull(sealing, "sealing");
  }

  /**
   * Runs the check unless it passed before.
   *
   * @throws StoreUnavailableException naming the key id that is missing or wrong
   */
  public void ensure() {
    if (!passed) {
      run(false);
      passed = true;
    }
  }

  /** Whether a registration is this record, which the re-sealer leaves alone. */
  static boolean isRecord(AppRegistration a) {
    return a.site().equals(SITE) && a.instance().equals(INSTANCE);
  }

  /**
   * Checks the recorded keys and records the ring's first key.
   *
   * @param missingAllowed whether a recorded key that the ring lacks is let through (the re-sealer
   *     counts the rows under it instead); a key of the ring that is another key never is
   */
  void run(boolean missingAllowed) {
    for (int i = 0; i < TRIES; i++) {
      // The store first: one that cannot be reached says so, whatever the ring.
      Optional<AppRegistration> record = raw.get(SITE, INSTANCE);
      KeyRing ring = sealing.ring();
      Map<Integer, String> checks = checks(record);
      checks.forEach(
          (id, check) -> {
            if (!ring.has(id)) {
              if (!missingAllowed) {
                throw missing(id, ring);
              }
              return;
            }
            try {
              ring.open(check, context(id));
            } catch (CannotOpenException e) {
              throw wrong(id);
            }
          });
      if (checks.containsKey(ring.primaryId())) {
        return;
      }
      checks.put(ring.primaryId(), ring.seal(CHECK, context(ring.primaryId())));
      if (write(record, checks)) {
        return;
      }
    }
    throw new StoreUnavailableException("the key ring's record kept changing; try again", null);
  }

  /**
   * Forgets the keys other than {@code keep} (after a re-seal, the first key and those of rows that
   * did not open).
   */
  void retain(Set<Integer> keep) {
    for (int i = 0; i < TRIES; i++) {
      Optional<AppRegistration> record = raw.get(SITE, INSTANCE);
      Map<Integer, String> checks = checks(record);
      if (!checks.keySet().removeIf(id -> !keep.contains(id)) || write(record, checks)) {
        return;
      }
    }
    throw new StoreUnavailableException("the key ring's record kept changing; try again", null);
  }

  /** The recorded ids and check values. */
  private static Map<Integer, String> checks(Optional<AppRegistration> record) {
    Map<Integer, String> checks = new TreeMap<>();
    record.ifPresent(
        r -> {
          JsonNode keys = Json.parse(r.dataJson()).path("keys");
          keys.properties()
              .forEach(f -> checks.put(Integer.parseInt(f.getKey()), f.getValue().asText()));
        });
    return checks;
  }

  /**
   * Writes the record with a compare-and-set on its client id, which is new on every write; whether
   * this write won.
   */
  private boolean write(Optional<AppRegistration> record, Map<Integer, String> checks) {
    ObjectNode data = Json.object();
    ObjectNode keys = data.putObject("keys");
    checks.forEach((id, check) -> keys.put(Integer.toString(id), check));
    String version = Secrets.random(12);
    AppRegistration next =
        new AppRegistration(SITE, INSTANCE, version, "-", Json.write(data), null);
    Optional<AppRegistration> stored =
        record.isEmpty()
            ? Optional.of(raw.putIfAbsent(next))
            : raw.replace(record.get().clientId(), next);
    return stored.map(a -> a.clientId().equals(version)).orElse(false);
  }

  private static String context(int id) {
    return Sealing.context("key-check", Integer.toString(id));
  }

  private static StoreUnavailableException missing(int id, KeyRing ring) {
    return new StoreUnavailableException(
        "stored values are sealed under key "
            + id
            + ", which the key ring "
            + ring
            + " lacks: put key "
            + id
            + " back in the ring (OAUTH_DROPINS_KEYS, the file oauth_dropins_keys, or the ring"
            + " given to the store); if it is lost, delete the logins sealed under it and run"
            + " reseal() to forget it",
        null);
  }

  private static StoreUnavailableException wrong(int id) {
    return new StoreUnavailableException(
        "the key ring's key "
            + id
            + " is not the key that sealed the stored values under id "
            + id
            + ": set the ring that sealed them (OAUTH_DROPINS_KEYS, the file oauth_dropins_keys,"
            + " or the ring given to the store); a new key needs a new id",
        null);
  }
}
