package org.oauthdropins.testkit;

/**
 * A fake GoToSocial instance: the fake Mastodon with GoToSocial's differences, from its docs
 * (docs.gotosocial.org api/authentication.md) and source. App registration answers only {@code id,
 * name, redirect_uri, client_id, client_secret}; only GoToSocial's scopes are accepted (Mastodon's
 * granular ones without {@code follow}; {@code read:applications}), others refused; accounts have
 * ULID ids, {@code url} at {@code /@alice} and no {@code uri}; tokens neither expire nor refresh;
 * its NodeInfo names {@code gotosocial}. Only the fediverse site signs in to it.
 */
public final class FakeGoToSocial extends FakeMastodon {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakeGoToSocial() {
    super(Software.GOTOSOCIAL, "fediverse");
  }
}
