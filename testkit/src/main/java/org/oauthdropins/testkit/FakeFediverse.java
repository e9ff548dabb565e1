package org.oauthdropins.testkit;

/**
 * The fake behind the fediverse site's button: a {@link FakeMastodon} instance, which the site
 * finds by its NodeInfo. Tests of the other softwares start their own fakes ({@link FakePixelfed},
 * ...) and name them at the fediverse site's start.
 */
public final class FakeFediverse extends FakeMastodon {

  /** A fake Mastodon instance, serving on a free loopback port until it is closed. */
  public FakeFediverse() {
    super(Software.MASTODON, "fediverse");
  }
}
