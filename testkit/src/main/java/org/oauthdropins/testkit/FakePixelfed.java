package org.oauthdropins.testkit;

/**
 * A fake Pixelfed instance: the fake Mastodon with Pixelfed's differences. App registration answers
 * 404 when OAuth is off ({@link #disableOAuth()}), splits redirect URIs on newlines, ignores the
 * requested scopes and answers Pixelfed's shape (numeric client id, comma-joined {@code
 * redirect_uri}, no scopes); only Passport's scopes are accepted ({@code read:accounts} is {@code
 * invalid_scope}); tokens expire and come with single-use refresh tokens; {@code
 * /api/v1/apps/verify_credentials} needs a user token.
 */
public final class FakePixelfed extends FakeMastodon {

  /** A fake, serving on a free loopback port until it is closed. */
  public FakePixelfed() {
    super(Software.PIXELFED, "pixelfed");
  }
}
