package org.oauthdropins;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * What every protocol engine's site has, whatever the protocol: its name and kind, its button,
 * where the profile keeps the user's id, name and picture, the entity type it makes, how it reaches
 * the network, its clock and its listener. The engines ({@code OAuth2Site}, {@code OAuth1Site},
 * {@code InstanceSite}, {@code IndieAuthSite}, ...) add the protocol.
 *
 * @param <A> the entity type the site makes
 */
public abstract class AbstractSite<A extends AuthEntity> implements Site<A> {

  private final String name;
  private final String kind;
  private final Button button;
  private final ProfileFields profileFields;
  private final EntityFactory<A> entity;
  private final Credentials credentials;
  private final HttpTransport transport;
  private final Clock clock;
  private final LoginListener listener;
  private final URI apiBase;
  private final Revocation revocation;

  /**
   * @param b the common settings
   * @param wrap how the engine wraps the builder's transport (e.g. with fixed headers)
   */
  protected AbstractSite(Builder<A, ?> b, UnaryOperator<HttpTransport> wrap) {
    this.name = b.name;
    this.kind = b.kind;
    this.button = Objects.requireNonNull(b.button, "button");
    this.profileFields = b.profileFields;
    this.entity = b.entity;
    if (b.credentialsRequired() && b.credentials == null) {
      throw new NullPointerException("credentials");
    }
    this.credentials = b.credentials;
    this.transport = Objects.requireNonNull(wrap.apply(b.transport), "transport");
    this.clock = b.clock;
    this.listener = b.listener;
    this.apiBase = b.apiBase;
    this.revocation = b.revocation;
  }

  @Override
  public final Revocation revocation() {
    return revocation;
  }

  /**
   * Runs the site's {@link Revocation}: a call the login signs is sent here, as the login's own API
   * calls are; one that needs the login's authorization server and client goes to {@link
   * #revokeAtServer}.
   *
   * @return whether the provider ended the tokens; false for a site or server with no way to
   */
  @Override
  public boolean revoke(AuthRecord record, AuthStore store) {
    if (revocation instanceof Revocation.None) {
      return false;
    }
    if (revocation instanceof Revocation.SignedCall c) {
      HttpCall call = sign(new HttpCall(c.method(), c.url(), List.of(), null), record);
      org.oauthdropins.internal.revoke.Revoked.send(name, call, transport(record), true, 0);
      return true;
    }
    return revokeAtServer(record, store, revocation);
  }

  /**
   * Runs a revocation at the login's authorization server (RFC 7009, GitHub's grant delete), which
   * an engine with servers and clients implements; an engine without them has none to run.
   *
   * @return whether the server revoked; false if the login's server declares no way to
   */
  protected boolean revokeAtServer(AuthRecord record, AuthStore store, Revocation how) {
    throw new UnsupportedOperationException(name + " cannot run " + how);
  }

  @Override
  public Optional<URI> apiBase() {
    return Optional.ofNullable(apiBase);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final Button button() {
    return button;
  }

  @Override
  public final ProfileFields profileFields() {
    return profileFields;
  }

  @Override
  public final A entity(AuthRecord record, AuthStore store) {
    return entity.create(this, record, store, transport(record));
  }

  /**
   * How a stored login's API calls reach the site: the site's transport, unless the engine binds
   * the login's tokens to a key that every request must prove (DPoP).
   */
  protected HttpTransport transport(AuthRecord record) {
    return transport;
  }

  @Override
  public final LoginListener listener() {
    return listener;
  }

  /**
   * The app's credentials at the site.
   *
   * @throws IllegalStateException for an engine without app-wide credentials (one that registers
   *     per instance, or whose client id is a URL)
   */
  protected final Credentials credentials() {
    if (credentials == null) {
      throw new IllegalStateException(name + " has no app credentials");
    }
    return credentials;
  }

  /** How the site is reached. */
  protected final HttpTransport transport() {
    return transport;
  }

  @Override
  public final Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  /**
   * The settings every engine's builder shares. Every setter replaces; nothing is built lazily.
   *
   * @param <A> the entity type the site will make
   * @param <B> the engine's own builder, which setters return
   */
  public abstract static class Builder<A extends AuthEntity, B extends Builder<A, B>> {
    private final String name;
    private final String kind;
    private Button button;
    private Credentials credentials;
    private HttpTransport transport = JdkTransport.shared();
    private Clock clock = Clock.systemUTC();
    private EntityFactory<A> entity;
    private ProfileFields profileFields = ProfileFields.none();
    private LoginListener listener = LoginListener.NONE;
    private URI apiBase;
    private Revocation revocation = Revocation.none();

    /**
     * @param name the site name
     * @param kind the entity kind
     * @param entity the engine's default entity type
     */
    protected Builder(String name, String kind, EntityFactory<A> entity) {
      this.name = Objects.requireNonNull(name, "name");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.entity = Objects.requireNonNull(entity, "entity");
    }

    /** This builder, as its own type. */
    protected abstract B self();

    /**
     * Whether the site needs app-wide credentials; engines that register per instance or use a URL
     * as client id say no.
     */
    protected boolean credentialsRequired() {
      return true;
    }

    /**
     * How the site ends a stored login's tokens at the provider, as its documentation says; {@link
     * Revocation#none()} by default, for a provider with no way to.
     */
    public B revocation(Revocation r) {
      this.revocation = Objects.requireNonNull(r, "revocation");
      return self();
    }

    /** The login button. */
    public B button(Button b) {
      this.button = b;
      return self();
    }

    /** The app's client id and secret (OAuth 1: consumer key and secret). */
    public B credentials(Credentials c) {
      this.credentials = c;
      return self();
    }

    /** How the site is reached. */
    public B transport(HttpTransport t) {
      this.transport = t;
      return self();
    }

    /**
     * Takes the transport and the listener from the app's options, as every shipped site's factory
     * does: one call, so that no site reaches the network one way and reports to no listener.
     */
    public B options(SiteOptions o) {
      transport(o.transport());
      return listener(o.listener());
    }

    /** Hears the site's login events; see {@link SiteOptions#withListener}. */
    public B listener(LoginListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return self();
    }

    /**
     * Where the site's REST API lives, for {@link AuthEntity#apiUrl}: give it through {@link
     * SiteOptions#url} so that base URL overrides move it too.
     */
    public B apiBase(URI base) {
      this.apiBase = Objects.requireNonNull(base, "apiBase");
      return self();
    }

    /** The clock, for tests of expiry, signature timestamps and rate limits. */
    public B clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return self();
    }

    /**
     * Sets the entity type for the engine's {@code entity} setter, which returns this builder
     * retyped: the factory is the only setting that depends on the entity type, so the cast is safe
     * once it is replaced.
     *
     * @param <E> the new entity type
     * @param <C> the engine's builder for that type
     */
    @SuppressWarnings("unchecked")
    protected final <E extends AuthEntity, C extends Builder<E, C>> C withEntity(
        EntityFactory<E> f) {
      Builder<E, C> retyped = (Builder<E, C>) (Builder<?, ?>) this;
      retyped.entity = Objects.requireNonNull(f, "entity");
      return (C) retyped;
    }

    /**
     * Where the profile keeps the user's id, name and picture, for the entity's {@code userId()},
     * {@code userDisplayName()} and {@code imageUrl()}; none by default.
     */
    public B profileFields(ProfileFields f) {
      this.profileFields = Objects.requireNonNull(f, "profileFields");
      return self();
    }
  }
}
