package org.oauthdropins;

import java.util.Objects;
import java.util.Optional;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;

/**
 * Ends a stored login: its tokens revoked at the provider as the site's {@link Revocation} says,
 * then the login deleted from the store, and, for a browser's disconnect, from its {@link Logins}.
 * The opposite of a login, for the "connect your account" apps the library serves: a user who
 * disconnects expects the app to hold no working token afterwards.
 *
 * <p>Revocation comes first and decides: if the provider cannot be reached or does not confirm,
 * nothing is deleted and the {@link ProviderException} (a 502) is thrown, so that no login is
 * forgotten here while its token still works there. An app that prefers the user's wish to be gone
 * over the token's end asks for {@link #deleteEvenIfRevocationFails}. A site that has no way to
 * revoke ({@link Revocation#none()}) only deletes, and says so in {@link Outcome#revoked()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Disconnect {

  private final Site<?> site;
  private final AuthStore store;
  private final boolean deleteAnyway;
  private final LoginListener heard;
  private final Listeners listener;

  private Disconnect(Site<?> site, AuthStore store, boolean deleteAnyway, LoginListener l) {
    this.site = Objects.requireNonNull(site, "site");
    this.store = Objects.requireNonNull(store, "store");
    this.deleteAnyway = deleteAnyway;
    this.heard = l;
    this.listener = Listeners.of(l);
  }

  /** Disconnects logins of this site from this store, reporting to the site's listener. */
  public static Disconnect of(Site<?> site, AuthStore store) {
    return new Disconnect(site, store, false, site.listener());
  }

  /**
   * This disconnect, deleting the login even when the provider could not be reached or did not
   * confirm the revocation; then the token may stay valid at the provider until it expires. Off by
   * default.
   */
  public Disconnect deleteEvenIfRevocationFails(boolean on) {
    return new Disconnect(site, store, on, heard);
  }

  /** This disconnect, reporting to another listener. */
  public Disconnect listener(LoginListener l) {
    return new Disconnect(site, store, deleteAnyway, Objects.requireNonNull(l, "listener"));
  }

  /**
   * The route that runs this disconnect from a browser: a POST at {@code /<site>/disconnect} (or
   * where the context moved the route named {@code disconnect}) from a page of the app, whose
   * {@code auth_entity} names a login this browser holds; it answers as the context's {@link
   * Finish#disconnected}. {@link Mount} adds it to every site's routes; an app that mounts handlers
   * itself adds it as it adds {@link Site#routes}.
   */
  public SiteRoute route(SiteRoute.Context context) {
    return DisconnectRoute.of(site, context, this);
  }

  /** Whether a failed revocation still deletes the login. */
  public boolean deletesEvenIfRevocationFails() {
    return deleteAnyway;
  }

  /**
   * What a disconnect did.
   *
   * @param found whether a login with the key was stored (if not, nothing was revoked or deleted)
   * @param revoked whether the provider ended its tokens; false for a site with no way to, or a
   *     revocation that failed when {@link #deleteEvenIfRevocationFails} is on
   * @param cookie for {@link #disconnect(WebRequest, Logins, Key)}: the logins cookie to set, which
   *     no longer lists the login; otherwise null
   */
  public record Outcome(boolean found, boolean revoked, Cookie cookie) {}

  /**
   * Disconnects one browser's login: revokes and deletes it as {@link #signOutEverywhere} does, and
   * gives the cookie that removes it from this browser's list. The caller has checked that the
   * browser holds the login ({@link Logins#verify}), as the disconnect route does.
   *
   * @param request the browser's request
   * @param logins the app's logins list, or null for an app that keeps none
   * @param key the login
   * @throws ProviderException if the revocation failed and the login was kept (the default)
   * @throws org.oauthdropins.errors.StoreUnavailableException if the store is down
   */
  public Outcome disconnect(WebRequest request, Logins logins, Key key) {
    Outcome o = signOutEverywhere(key);
    return new Outcome(o.found(), o.revoked(), logins == null ? null : logins.logout(request, key));
  }

  /**
   * Signs one user out of this site everywhere, for "I lost my laptop": revokes the stored login's
   * tokens at the provider (the refresh token too, which at RFC 7009 servers ends the whole grant;
   * GitHub's and Facebook's revocations end every token the user gave the app) and deletes the
   * login from the store.
   *
   * <p>What it promises across servers: the store holds one login per user and site (the key is the
   * user's id at the site), which every browser that signed in as that user shares. Once this
   * returns, every server reading the store finds no login for the key: every browser's logins
   * cookie still lists it, but {@link Site#load} gives nothing and {@link AuthEntity} calls have no
   * token. A refresh already running on another server cannot bring it back ({@link
   * org.oauthdropins.store.LoginStore#putIfTokensUnchanged} never writes a deleted login); an API
   * call that server sent before the revocation may still complete. Tokens the provider issued to
   * earlier logins and the store no longer holds end only where the provider revokes per grant.
   *
   * @param key any login key of the user at this site
   * @throws ProviderException if the revocation failed and the login was kept (the default)
   * @throws org.oauthdropins.errors.StoreUnavailableException if the store is down
   * @throws IllegalArgumentException if the key is not one of this site's
   */
  public Outcome signOutEverywhere(Key key) {
    Objects.requireNonNull(key, "key");
    if (!key.kind().equals(site.kind())) {
      throw new IllegalArgumentException("not a " + site.name() + " login: " + key.kind());
    }
    long t0 = listener.now();
    Optional<AuthRecord> record = store.logins().get(key);
    if (record.isEmpty()) {
      return new Outcome(false, false, null);
    }
    boolean revoked;
    try {
      revoked = site.revoke(record.get(), store);
    } catch (ProviderException e) {
      if (!deleteAnyway) {
        listener.failed(site.name(), LoginEvent.Stage.DISCONNECT, e, t0);
        throw e;
      }
      revoked = false;
    }
    store.logins().delete(key);
    listener.disconnected(t0, site.name(), revoked);
    return new Outcome(true, revoked, null);
  }
}
