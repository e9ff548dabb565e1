package org.oauthdropins.testkit;

import java.time.Duration;
import java.util.Optional;
import org.oauthdropins.Key;
import org.oauthdropins.store.AppRegistration;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.PendingLogin;

/**
 * A store that passes every call to another, for tests that watch or break a store: override the
 * calls of interest and {@link #before()}, which runs ahead of each one (e.g. to throw as a store
 * that is down would). Kept in one place so that a new {@link AuthStore} method is forwarded once.
 */
public abstract class ForwardingStore implements AuthStore {

  private final AuthStore delegate;

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
  public Optional<AuthRecord> get(Key key) {
    before();
    return delegate.get(key);
  }

  @Override
  public AuthRecord put(AuthRecord record) {
    before();
    return delegate.put(record);
  }

  @Override
  public boolean delete(Key key) {
    before();
    return delegate.delete(key);
  }

  @Override
  public boolean leaseRefresh(Key key, String holder, Duration ttl) {
    before();
    return delegate.leaseRefresh(key, holder, ttl);
  }

  @Override
  public void releaseRefresh(Key key, String holder) {
    before();
    delegate.releaseRefresh(key, holder);
  }

  @Override
  public Optional<AuthRecord> putIfTokensUnchanged(AuthRecord spent, AuthRecord fresh) {
    before();
    return delegate.putIfTokensUnchanged(spent, fresh);
  }

  @Override
  public void putPending(PendingLogin login) {
    before();
    delegate.putPending(login);
  }

  @Override
  public Optional<PendingLogin> takePending(String id) {
    before();
    return delegate.takePending(id);
  }

  @Override
  public Optional<AppRegistration> getApp(String site, String instance) {
    before();
    return delegate.getApp(site, instance);
  }

  @Override
  public AppRegistration putAppIfAbsent(AppRegistration app) {
    before();
    return delegate.putAppIfAbsent(app);
  }

  @Override
  public Optional<AppRegistration> replaceApp(String expectedClientId, AppRegistration app) {
    before();
    return delegate.replaceApp(expectedClientId, app);
  }

  @Override
  public boolean deleteApp(String site, String instance) {
    before();
    return delegate.deleteApp(site, instance);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
