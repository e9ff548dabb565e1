package org.oauthdropins.docs;

// readme:start mastodon-setup
import java.util.List;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.mastodon.MastodonAuth;

// readme:end

/** The README's Mastodon configuration beyond the defaults. */
final class MastodonSetup {

  private MastodonSetup() {}

  static OAuth2Site<MastodonAuth> mastodon() {
    // readme:start mastodon-setup
    OAuth2Site<MastodonAuth> mastodon =
        Mastodon.builder(SiteOptions.defaults())
            .appName("My App") // the name instances show on their consent page
            .website("https://your.app") // null: the app's base URL
            .scopes(List.of("read:accounts", "read:statuses", "write:statuses"))
            .build();
    // readme:end
    return mastodon;
  }
}
