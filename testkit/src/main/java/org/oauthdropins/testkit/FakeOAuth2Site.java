package org.oauthdropins.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Objects;
import org.oauthdropins.Credentials;

/**
 * A fake OAuth 2 site: a {@link FakeServer}, the one client it accepts ({@code
 * fake-<name>-client}), and its {@link FakeOAuth2} authorization server. Subclasses add the site's
 * API routes on {@link #server()}.
 */
public abstract class FakeOAuth2Site implements Fake {

  private final String name;
  private final FakeServer server = new FakeServer();
  private final Credentials credentials;
  private final FakeOAuth2 oauth;

  /**
   * @param name the site name, e.g. {@code reddit}
   * @param config how its authorization server behaves
   * @param user the profile of the user who approves
   */
  protected FakeOAuth2Site(String name, FakeOAuth2.Config config, JsonNode user) {
    this.name = Objects.requireNonNull(name, "name");
    this.credentials = new Credentials("fake-" + name + "-client", "fake-" + name + "-secret");
    this.oauth = new FakeOAuth2(server, config, credentials, user);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI url() {
    return server.url();
  }

  @Override
  public Credentials credentials() {
    return credentials;
  }

  /** The authorization server, to change the user or inject failures. */
  public FakeOAuth2 oauth() {
    return oauth;
  }

  /** Where the site's API routes go. */
  protected FakeServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
