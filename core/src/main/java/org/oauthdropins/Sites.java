package org.oauthdropins;

import java.util.List;
import java.util.Optional;
import org.oauthdropins.disqus.Disqus;
import org.oauthdropins.dropbox.Dropbox;
import org.oauthdropins.facebook.Facebook;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.instagram.Instagram;
import org.oauthdropins.threads.Threads;

/** Every site the library ships, in the order the demo shows them. */
public final class Sites {

  /** One factory per site, keyed by the Python library's module names. */
  public static final List<SiteFactory> ALL =
      List.of(
          Disqus.FACTORY,
          Dropbox.FACTORY,
          Facebook.FACTORY,
          GitHub.FACTORY,
          Instagram.FACTORY,
          Threads.FACTORY);

  private Sites() {}

  /** The factory of a site by name. */
  public static Optional<SiteFactory> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
