package org.oauthdropins.testkit;

import java.net.URI;
import org.oauthdropins.Credentials;

/**
 * What every fake site on its own loopback server shares, whatever its protocol: its name, the only
 * app it accepts, and the server its routes are mounted on.
 */
public abstract class LoopbackFake implements Fake {

  /** Where the site's routes are mounted. */
  protected final FakeServer server = new FakeServer();

  private final String name;
  private final Credentials credentials;

  /**
   * Starts the server.
   *
   * @param name the site name it fakes
   * @param credentials the only app it accepts
   */
  protected LoopbackFake(String name, Credentials credentials) {
    this.name = name;
    this.credentials = credentials;
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

  @Override
  public void close() {
    server.close();
  }
}
