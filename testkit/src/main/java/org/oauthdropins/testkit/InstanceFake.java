package org.oauthdropins.testkit;

import java.util.Map;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.GuardedTransport;

/**
 * A fake of a server the user names at the start (a Mastodon, Misskey... instance): the site
 * reaches it through the SSRF guard, and the start form names it.
 */
interface InstanceFake extends Fake {

  /** The guard opted in to http and loopback, since the fake runs on {@code http://127.0.0.1}. */
  @Override
  default SiteOptions options() {
    return new SiteOptions(Map.of(), null, GuardedTransport.localDevelopment());
  }

  /** The instance, as a user would type it. */
  @Override
  default Map<String, String> startParams() {
    return Map.of("instance", url().toString());
  }
}
