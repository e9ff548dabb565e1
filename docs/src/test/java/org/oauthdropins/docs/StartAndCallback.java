package org.oauthdropins.docs;

// readme:start start-and-callback
import java.util.List;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Callback;
import org.oauthdropins.Logins;
import org.oauthdropins.Site;
import org.oauthdropins.Start;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebResponse;

// readme:end

/** The README's Start and Callback, built by hand instead of through an adapter's mount. */
final class StartAndCallback {

  private StartAndCallback() {}

  static List<Object> handlers(Site<?> site, AuthStore store, BaseUrl baseUrl, Logins logins) {
    // readme:start start-and-callback
    Start start =
        Start.builder(site, store)
            .baseUrl(baseUrl)
            .callbackPath("/github/oauth_callback")
            .scopes(List.of("repo")) // asked for on top of the site's defaults
            .build();
    Callback callback =
        Callback.builder(site, store)
            .baseUrl(baseUrl)
            .logins(logins)
            .finish( // instead of .finishPath("/after")
                (auth, state, request) ->
                    auth == null // the user declined
                        ? WebResponse.Page.text(200, "maybe next time")
                        : WebResponse.Page.text(200, "Welcome, " + auth.userDisplayName()))
            .build();
    // readme:end
    return List.of(start, callback);
  }
}
