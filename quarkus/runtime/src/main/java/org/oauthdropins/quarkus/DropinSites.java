package org.oauthdropins.quarkus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * The sites the extension mounted, with their paths: inject it to render the login buttons and load
 * a login's entity.
 */
public final class DropinSites {

  private final List<Mount> mounts;
  // The fake each site runs against in the sandbox, by index of mounts; null entries elsewhere.
  private final List<Sandbox.Fake> fakes;
  private final AuthStore store;
  private final String buttonPath;

  DropinSites(List<Mount> mounts, List<Sandbox.Fake> fakes, AuthStore store, String buttonPath) {
    this.mounts = List.copyOf(mounts);
    this.fakes = new ArrayList<>(fakes);
    this.store = store;
    this.buttonPath = buttonPath;
  }

  /** What was mounted, one per site. */
  public List<Mount> mounts() {
    return mounts;
  }

  /** The sites. */
  public List<Site<?>> sites() {
    return mounts.stream().map(Mount::site).toList();
  }

  /** The fake the site of mounts().get(i) runs against in the sandbox, or null. */
  Sandbox.Fake fake(int i) {
    return fakes.get(i);
  }

  /** The path the sites' button images are served under. */
  public String buttonPath() {
    return buttonPath;
  }

  /** The stored login with this key, from the site that made it. */
  public Optional<AuthEntity> load(Key key) {
    return mounts.stream()
        .map(Mount::site)
        .filter(s -> s.kind().equals(key.kind()))
        .findFirst()
        .flatMap(s -> s.load(store, key));
  }

  /**
   * The login forms of every site, as HTML, for an app at this root path.
   *
   * @param rootPath the app's root path ({@code quarkus.http.root-path}), empty for the root
   */
  public String buttons(String rootPath) {
    StringBuilder h = new StringBuilder();
    for (Mount m : mounts) {
      h.append(
          ButtonHtml.of(rootPath + m.startPath(), rootPath + buttonPath + "/").render(m.site()));
      h.append('\n');
    }
    return h.toString();
  }
}
