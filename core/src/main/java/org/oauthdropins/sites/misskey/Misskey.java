package org.oauthdropins.sites.misskey;

import java.util.List;
import org.oauthdropins.Button;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.miauth.MiAuthSite;
import org.oauthdropins.engine.miauth.Software;

/**
 * Misskey, and its forks that keep MiAuth (Sharkey, Firefish): any instance the user names, by
 * MiAuth. It asks for {@code read:account} only, keys logins as {@code @username@host}, and needs
 * no credentials. Misskey's tokens neither expire nor refresh.
 *
 * <p>No revocation: none an app can call with a MiAuth token could be confirmed in Misskey's
 * documentation, so a disconnect deletes the login here only.
 */
public final class Misskey {

  /** Lists Misskey for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY = new SiteFactory("misskey", null, null, Misskey::create);

  /** What differs in MiAuth servers of this software, for sites that run several. */
  public static final MiAuthSite.Flavor<MisskeyAuth> FLAVOR =
      new MiAuthSite.Flavor<>(
          new Software<>(
              "misskey",
              "MisskeyAuth",
              "Misskey",
              new Button("Sign in with Misskey", "#86b300", "#ffffff", "instance", "misskey.io"),
              MisskeyAuth::new),
          List.of("read:account"));

  private Misskey() {}

  /** Misskey with the given options (transport, listener). */
  public static MiAuthSite<MisskeyAuth> create(SiteOptions o) {
    return builder(o).build();
  }

  /** A builder for Misskey with the given options: the app name. */
  public static MiAuthSite.Builder<MisskeyAuth> builder(SiteOptions o) {
    return MiAuthSite.builder(FLAVOR).options(o);
  }
}
