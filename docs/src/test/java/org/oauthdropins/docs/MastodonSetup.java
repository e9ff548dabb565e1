package org.oauthdropins.docs;

// readme:start mastodon-setup
import java.util.List;
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.mastodon.Mastodon;

// readme:end

/** The README's Mastodon configuration beyond the defaults. */
final class MastodonSetup {

  private MastodonSetup() {}

  static Site mastodon() {
    // readme:start mastodon-setup
    Site mastodon =
        Mastodon.builder(SiteOptions.defaults())
            .appName("My App") // the name instances show on their consent page
            .website("https://your.app") // null: the app's base URL
            .scopes(List.of("read:accounts", "read:statuses", "write:statuses"))
            .build();
    // readme:end
    return mastodon;
  }
}
