package org.oauthdropins.testkit;

import java.net.URI;
import org.oauthdropins.Credentials;

/**
 * What every fake site on its own loopback server shares, whatever its protocol: its name, the only
 * app it accepts, and the server its routes are mounted on.
 */
public abstract class LoopbackFake implements Fake {

  /** Where the site's routes are mounted. */
  protected final FakeServer server;

  private final String name;
  private final Credentials credentials;
  private final boolean ownServer;

  /**
   * Starts the server.
   *
   * @param name the site name it fakes
   * @param credentials the only app it accepts
   */
  protected LoopbackFake(String name, Credentials credentials) {
    this(name, credentials, new FakeServer(), true);
  }

  /**
   * Mounts the site's routes on a server that others share (two instances of a self-hosted site on
   * one host, under different paths); closing the fake leaves that server to its owner.
   *
   * @param name the site name it fakes
   * @param credentials the only app it accepts
   * @param shared the server, closed by whoever made it
   */
  protected LoopbackFake(String name, Credentials credentials, FakeServer shared) {
    this(name, credentials, shared, false);
  }

  private LoopbackFake(String name, Credentials credentials, FakeServer server, boolean own) {
    this.name = name;
    this.credentials = credentials;
    this.server = server;
    this.ownServer = own;
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
    if (ownServer) {
      server.close();
    }
  }
}
