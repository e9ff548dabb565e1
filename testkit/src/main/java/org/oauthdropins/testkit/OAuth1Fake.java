package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.Credentials;

/**
 * What every fake OAuth 1 site shares: a loopback server, the only app it accepts ({@code
 * fake-<name>-key} / {@code fake-<name>-secret}), and the OAuth server the subclass mounts on it.
 */
public abstract class OAuth1Fake extends LoopbackFake {

  private FakeOAuth1 oauth;

  /**
   * Starts the server; the subclass's constructor then {@link #mount}s the OAuth server.
   *
   * @param name the site name it fakes
   */
  protected OAuth1Fake(String name) {
    super(name, new Credentials("fake-" + name + "-key", "fake-" + name + "-secret"));
  }

  /**
   * Mounts the OAuth server, once, from the subclass's constructor.
   *
   * @param config how it behaves
   * @param user the user who approves
   */
  protected final FakeOAuth1 mount(FakeOAuth1.Config config, JsonNode user) {
    if (oauth != null) {
      throw new IllegalStateException("already mounted");
    }
    oauth = new FakeOAuth1(server, config, credentials(), user);
    return oauth;
  }

  @Override
  public void registerRedirectUri(java.net.URI callback) {
    oauth.registerCallback(callback);
  }

  /** The OAuth server, to change the user, inject failures or inspect grants. */
  public FakeOAuth1 oauth() {
    return oauth;
  }
}
