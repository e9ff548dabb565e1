package org.oauthdropins.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.ResealReport;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AppRegistrations;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.LoginStore;
import org.oauthdropins.store.PendingLogin;
import org.oauthdropins.store.PendingLogins;
import org.oauthdropins.store.RefreshLeases;

/**
 * A store that passes every call to another, for tests that watch or break a store: override the
 * calls of interest and {@link #before()}, which runs ahead of each one (e.g. to throw as a store
 * that is down would). Kept in one place so that a new store method is forwarded once.
 *
 * <p>The calls to override are this class's {@link AuthStore} methods ({@link #takePending}, {@link
 * #leaseRefresh}...): the four narrow interfaces it hands out ({@link #logins()}, {@link
 * #pendingLogins()}, {@link #registrations()}, {@link #leases()}) route every call through them, so
 * that an override sees the call whichever way the library makes it.
 */
public abstract class ForwardingStore implements AuthStore {

  private final AuthStore delegate;

  private final LoginStore logins =
      new LoginStore() {
        @Override
        public Optional<AuthRecord> get(Key key) {
          return ForwardingStore.this.get(key);
        }

        @Override
        public AuthRecord put(AuthRecord record) {
          return ForwardingStore.this.put(record);
        }

        @Override
        public boolean delete(Key key) {
          return ForwardingStore.this.delete(key);
        }

        @Override
        public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
          return ForwardingStore.this.putIfTokensUnchanged(spent, fresh);
        }

        @Override
        public String urlsafe(Key key) {
          return ForwardingStore.this.urlsafe(key);
        }

        @Override
        public Optional<AuthRecord> putSpendingState(
            AuthRecord record, String state, Instant until) {
          return ForwardingStore.this.putSpendingState(record, state, until);
        }

        @Override
        public boolean spendState(String state, Instant until) {
          return ForwardingStore.this.spendState(state, until);
        }

        @Override
        public List<AuthRecord> page(Key after, int limit) {
          before();
          return delegate.logins().page(after, limit);
        }
      };

  private final PendingLogins pendingLogins =
      new PendingLogins() {
        @Override
        public void put(PendingLogin login) {
          ForwardingStore.this.putPending(login);
        }

        @Override
        public void putOfNewBrowser(PendingLogin login) {
          ForwardingStore.this.putPendingOfNewBrowser(login);
        }

        @Override
        public Optional<PendingLogin> take(String id) {
          return ForwardingStore.this.takePending(id);
        }
      };

  private final AppRegistrations registrations =
      new AppRegistrations() {
        @Override
        public Optional<AppRegistration> get(String site, String instance) {
          return ForwardingStore.this.getApp(site, instance);
        }

        @Override
        public Optional<AppRegistration> get(String site, String instance, String clientId) {
          return ForwardingStore.this.getApp(site, instance, clientId);
        }

        @Override
        public AppRegistration putIfAbsent(AppRegistration app) {
          return ForwardingStore.this.putAppIfAbsent(app);
        }

        @Override
        public Optional<AppRegistration> replace(String expectedClientId, AppRegistration app) {
          return ForwardingStore.this.replaceApp(expectedClientId, app);
        }

        @Override
        public boolean delete(String site, String instance) {
          return ForwardingStore.this.deleteApp(site, instance);
        }

        @Override
        public List<AppRegistration> page(AppRegistration after, int limit) {
          before();
          return delegate.registrations().page(after, limit);
        }
      };

  private final RefreshLeases leases =
      new RefreshLeases() {
        @Override
        public boolean lease(Key key, String holder, Duration ttl) {
          return ForwardingStore.this.leaseRefresh(key, holder, ttl);
        }

        @Override
        public void release(Key key, String holder) {
          ForwardingStore.this.releaseRefresh(key, holder);
        }

        @Override
        public boolean startSpending(Key key, String holder, String token) {
          return ForwardingStore.this.startSpendingRefresh(key, holder, token);
        }
      };

  /** A store that forwards every call to {@code delegate}. */
  protected ForwardingStore(AuthStore delegate) {
    this.delegate = delegate;
  }

  /** The store calls go to. */
  protected final AuthStore delegate() {
    return delegate;
  }

  /** Runs before every call; nothing by default. */
  protected void before() {}

  @Override
  public final LoginStore logins() {
    return logins;
  }

  @Override
  public final PendingLogins pendingLogins() {
    return pendingLogins;
  }

  @Override
  public final AppRegistrations registrations() {
    return registrations;
  }

  @Override
  public final RefreshLeases leases() {
    return leases;
  }

  @Override
  public Optional<AuthRecord> get(Key key) {
    before();
    return delegate.logins().get(key);
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    before();
    return delegate.logins().put(record);
  }

  @Override
  public boolean delete(Key key) {
    before();
    return delegate.logins().delete(key);
  }

  @Override
  public String urlsafe(Key key) {
    return delegate.logins().urlsafe(key);
  }

  /** {@link LoginStore#putSpendingState}: the callback's write of a login whose state it spends. */
  public Optional<AuthRecord> putSpendingState(AuthRecord record, String state, Instant until) {
    before();
    return delegate.logins().putSpendingState(record, state, until);
  }

  /** {@link LoginStore#spendState}: a declined or failed callback's spending of its state. */
  public boolean spendState(String state, Instant until) {
    before();
    return delegate.logins().spendState(state, until);
  }

  @Override
  public boolean leaseRefresh(Key key, String holder, Duration ttl) {
    before();
    return delegate.leases().lease(key, holder, ttl);
  }

  @Override
  public void releaseRefresh(Key key, String holder) {
    before();
    delegate.leases().release(key, holder);
  }

  /** {@link RefreshLeases#startSpending}, forwarded. */
  public boolean startSpendingRefresh(Key key, String holder, String token) {
    before();
    return delegate.leases().startSpending(key, holder, token);
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    before();
    return delegate.logins().putIfTokensUnchanged(spent, fresh);
  }

  @Override
  public void putPending(PendingLogin login) {
    before();
    delegate.pendingLogins().put(login);
  }

  /** Goes through {@link #putPending}, so that an override of that one sees every pending login. */
  @Override
  public void putPendingOfNewBrowser(PendingLogin login) {
    putPending(login);
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    before();
    return delegate.pendingLogins().take(id);
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    before();
    return delegate.registrations().get(site, instance);
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance, String clientId) {
    before();
    return delegate.registrations().get(site, instance, clientId);
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    before();
    return delegate.registrations().putIfAbsent(app);
  }

  @Override
  public Optional<AppRegistration> replaceApp(String expectedClientId, AppRegistration app) {
    before();
    return delegate.registrations().replace(expectedClientId, app);
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    before();
    return delegate.registrations().delete(site, instance);
  }

  @Override
  public Optional<KeyRing> keyRing() {
    return delegate.keyRing();
  }

  @Override
  public void checkKeys() {
    before();
    delegate.checkKeys();
  }

  @Override
  public ResealReport reseal() {
    before();
    return delegate.reseal();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
