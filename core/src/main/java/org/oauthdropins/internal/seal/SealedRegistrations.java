package org.oauthdropins.internal.seal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;

/**
 * App registrations sealed at rest, over raw {@link AppRegistrations}: the client secret and the
 * credentials inside the data are sealed for the site, the instance and the field. A registration
 * the ring cannot open is a 503 naming the key id and is never replaced; only {@link #delete}
 * removes it. Public for the stores of other modules.
 */
public final class SealedRegistrations implements AppRegistrations {

  private final AppRegistrations raw;
  private final Sealing sealing;
  private final KeyCheck check;

  /**
   * @param raw the store's own registrations, which keep what they are given
   * @param sealing the ring and which sites are sealed
   * @param check the key check that runs before the first use
   */
  public SealedRegistrations(AppRegistrations raw, Sealing sealing, KeyCheck check) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.sealing = Objects.requireNonNull(sealing, "sealing");
    this.check = Objects.requireNonNull(check, "check");
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance) {
    check.ensure();
    return raw.get(site, instance).map(this::open);
  }

  @Override
  public Optional<AppRegistration> get(String site, String instance, String clientId) {
    check.ensure();
    return raw.get(site, instance, clientId).map(this::open);
  }

  @Override
  public AppRegistration putIfAbsent(AppRegistration app) {
    check.ensure();
    return open(raw.putIfAbsent(seal(app)));
  }

  @Override
  public Optional<AppRegistration> replace(String expectedClientId, AppRegistration replacement) {
    check.ensure();
    // A registration that does not open is not replaced: the right ring may still open it.
    raw.get(replacement.site(), replacement.instance()).ifPresent(this::open);
    return raw.replace(expectedClientId, seal(replacement)).map(this::open);
  }

  @Override
  public boolean delete(String site, String instance) {
    return raw.delete(site, instance);
  }

  @Override
  public List<AppRegistration> page(AppRegistration after, int limit) {
    check.ensure();
    return raw.page(after, limit).stream().map(this::open).toList();
  }

  // ---- one registration

  private static String context(AppRegistration a, String field) {
    return Sealing.context("app", a.site(), a.instance(), field);
  }

  /** The registration as it is stored: sealed if its site is sealed, else as it is. */
  AppRegistration seal(AppRegistration a) {
    return sealing.seals(a.site()) ? each(a, sealing::seal, SealedJson::seal) : a;
  }

  /**
   * A stored registration opened.
   *
   * @throws org.oauthdropins.errors.StoreUnavailableException naming the key id of a value that
   *     does not open
   */
  AppRegistration open(AppRegistration a) {
    if (KeyCheck.isRecord(a)) {
      return a; // its values are sealed each under its own key, for the key check to open
    }
    return each(a, sealing::open, SealedJson::open);
  }

  /** What a document step is: a document, its field, and the step for each value. */
  private interface DocStep {
    String apply(String doc, String field, BiFunction<String, String, String> step);
  }

  private static AppRegistration each(
      AppRegistration a, BiFunction<String, String, String> step, DocStep doc) {
    return new AppRegistration(
        a.site(),
        a.instance(),
        a.clientId(),
        step.apply(a.clientSecret(), context(a, "client_secret")),
        doc.apply(a.dataJson(), "data_json", (v, at) -> step.apply(v, context(a, at))),
        a.created(),
        a.expiresAt());
  }

  /** Whether a stored registration is as this store writes it now. */
  boolean current(AppRegistration a) {
    boolean seals = sealing.seals(a.site());
    return sealing.current(a.clientSecret(), seals) && sealing.currentDocument(a.dataJson(), seals);
  }
}
