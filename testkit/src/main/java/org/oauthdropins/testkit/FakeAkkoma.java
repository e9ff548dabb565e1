package org.oauthdropins.testkit;

/**
 * A fake Akkoma instance: the fake Mastodon with Akkoma's differences, from its source (the
 * Pleroma-derived account and OAuth views). {@code /api/v1/instance}'s version reads {@code "2.7.2
 * (compatible; Akkoma ...)"}; app registration answers {@code website}, {@code redirect_uri}, the
 * credentials and a {@code vapid_key}; accounts have flake ids, {@code url} and {@code
 * pleroma.ap_id} naming the actor, {@code fqn}, and no {@code uri}; tokens expire and come with
 * single-use refresh tokens, the token answer naming the actor as {@code me}; its NodeInfo (2.1)
 * names {@code akkoma}. Only the fediverse site signs in to it.
 */
public final class FakeAkkoma extends FakeMastodon {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeAkkoma() {
    super(Software.AKKOMA, "fediverse");
  }
}
