package org.oauthdropins.testkit;

import java.net.URI;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.JdkTransport;

/** A fake site running on loopback, for tests and the demo's sandbox. */
public interface Fake extends AutoCloseable {

  /** The site name it fakes, e.g. {@code github}. */
  String name();

  /** Where it listens: {@code http://127.0.0.1:PORT}. */
  URI url();

  /** The only app credentials it accepts. */
  Credentials credentials();

  /** Options that point the real site's code at this fake, with its credentials. */
  default SiteOptions options() {
    return new SiteOptions(java.util.Map.of(), credentials(), JdkTransport.shared())
        .withAllBases(url());
  }

  /**
   * Values for the inputs of the site's start form (an instance, a handle, a web site) that lead to
   * this fake; the demo's sandbox prefills its forms with them.
   */
  default java.util.Map<String, String> startParams() {
    return java.util.Map.of();
  }

  /**
   * Registers the app's callback URL (an OAuth 2 redirect URI, an OAuth 1 callback), as the app's
   * settings page at the site does; the fake refuses logins that name any other, by the site's own
   * rule. Sites where the app registers itself at login (Mastodon and Pixelfed apps, IndieAuth and
   * Bluesky client metadata) take the redirect URIs from that registration and ignore this.
   */
  default void registerRedirectUri(URI callback) {}

  @Override
  void close();
}
