package org.oauthdropins.testkit;

/**
 * A fake Friendica node: the fake Mastodon as Friendica's Mastodon-compatible client API shows it
 * (friendica.net / Friendica's "Mastodon API" documentation: app registration at {@code
 * /api/v1/apps}, OAuth at {@code /oauth/authorize} and {@code /oauth/token}, {@code
 * verify_credentials}, tokens that do not expire), with {@code /api/v1/instance}'s version reading
 * {@code "2.8.0 (compatible; Friendica ...)"} and its NodeInfo (2.0) naming {@code friendica}. Only
 * the fediverse site signs in to it. Not confirmed from Friendica's documentation: that its account
 * objects carry Mastodon's {@code uri} (the fake's do, as Mastodon's).
 */
public final class FakeFriendica extends FakeMastodon {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeFriendica() {
    super(Software.FRIENDICA, "fediverse");
  }
}
