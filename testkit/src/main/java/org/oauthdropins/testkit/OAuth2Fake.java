package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.oauthdropins.Credentials;

/**
 * What every fake OAuth 2 site has: a loopback server, the one app it accepts, and its
 * authorization server. A site's fake adds its quirks to {@link #oauth()} and its API routes to
 * {@link #server}.
 */
public abstract class OAuth2Fake extends LoopbackFake {

  private FakeOAuth2 oauth;

  /**
   * Starts the server; the subclass's constructor then {@link #mount}s the authorization server.
   *
   * @param name the site name it fakes
   * @param credentials the only app it accepts
   */
  protected OAuth2Fake(String name, Credentials credentials) {
    super(name, credentials);
  }

  /**
   * A fake that accepts the app {@code fake-<name>-client} / {@code fake-<name>-secret}, with its
   * authorization server mounted at once on the system clock.
   *
   * @param name the site name it fakes
   * @param config how its authorization server behaves
   * @param user the user who approves
   */
  protected OAuth2Fake(String name, FakeOAuth2.Config config, JsonNode user) {
    this(name, new Credentials("fake-" + name + "-client", "fake-" + name + "-secret"));
    mount(config, user, Clock.systemUTC());
  }

  /** Where the site's API routes go. */
  protected FakeServer server() {
    return server;
  }

  /**
   * Mounts the authorization server, once, from the subclass's constructor.
   *
   * @param config how it behaves
   * @param user the user who approves
   * @param clock the clock by which codes and tokens age
   */
  protected final FakeOAuth2 mount(FakeOAuth2.Config config, JsonNode user, Clock clock) {
    if (oauth != null) {
      throw new IllegalStateException("already mounted");
    }
    oauth = new FakeOAuth2(server, config, credentials(), user, clock);
    return oauth;
  }

  @Override
  public void registerRedirectUri(java.net.URI callback) {
    oauth.registerRedirectUri(callback);
  }

  /** The authorization server, to change the user or inject failures. */
  public FakeOAuth2 oauth() {
    return oauth;
  }
}
