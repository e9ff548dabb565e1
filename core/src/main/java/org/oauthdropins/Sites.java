package org.oauthdropins;

import java.util.List;
import java.util.Optional;
import org.oauthdropins.bluesky.Bluesky;
import org.oauthdropins.github.GitHub;

/** Every site the library ships, in the order the demo shows them. */
public final class Sites {

  /** One factory per site, keyed by the Python library's module names. */
  public static final List<SiteFactory> ALL = List.of(Bluesky.FACTORY, GitHub.FACTORY);

  private Sites() {}

  /** The factory of a site by name. */
  public static Optional<SiteFactory> byName(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
