package org.oauthdropins.internal.seal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.PendingLogins;

/**
 * Pending logins sealed at rest, over raw {@link PendingLogins}: each value of the protocol data (a
 * PKCE verifier, a request token's secret, a DPoP key) is sealed for the login's id and its field.
 * Public for the stores of other modules.
 */
public final class SealedPendingLogins implements PendingLogins {

  private final PendingLogins raw;
  private final Sealing sealing;
  private final KeyCheck check;

  /**
   * @param raw the store's own pending logins, which keep what they are given
   * @param sealing the ring
   * @param check the key check that runs before the first use
   */
  public SealedPendingLogins(PendingLogins raw, Sealing sealing, KeyCheck check) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.sealing = Objects.requireNonNull(sealing, "sealing");
    this.check = Objects.requireNonNull(check, "check");
  }

  @Override
  public void put(PendingLogin login) {
    check.ensure();
    raw.put(each(login, sealing::seal));
  }

  @Override
  public void putOfNewBrowser(PendingLogin login) {
    check.ensure();
    raw.putOfNewBrowser(each(login, sealing::seal));
  }

  @Override
  public Optional<PendingLogin> take(String id) {
    check.ensure();
    return raw.take(id).map(p -> each(p, sealing::open));
  }

  private static PendingLogin each(PendingLogin p, BiFunction<String, String, String> step) {
    Map<String, String> data = new LinkedHashMap<>();
    p.data()
        .forEach(
            (field, value) ->
                data.put(field, step.apply(value, Sealing.context("pending", p.id(), field))));
    return new PendingLogin(
        p.id(), p.site(), p.browserHash(), p.appState(), p.redirectUri(), data, p.expiresAt());
  }
}
