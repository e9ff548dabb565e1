package org.oauthdropins.spring;

import java.util.List;
import java.util.Optional;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.ButtonHtml;
import org.oauthdropins.Mount;
import org.oauthdropins.Site;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;

/**
 * The sites the starter mounted, with their paths: inject it to render the login buttons and load a
 * login's entity.
 */
public final class DropinSites {

  private final List<Mount> mounts;
  private final AuthStore store;
  private final String buttonPath;
  private final DropinSandbox sandbox;

  DropinSites(List<Mount> mounts, AuthStore store, String buttonPath, DropinSandbox sandbox) {
    this.mounts = List.copyOf(mounts);
    this.store = store;
    this.buttonPath = buttonPath;
    this.sandbox = sandbox;
  }

  /** What was mounted, one per site, in the order of the properties. */
  public List<Mount> mounts() {
    return mounts;
  }

  /** The sites. */
  public List<Site<?>> sites() {
    return mounts.stream().map(Mount::site).toList();
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
   * One mounted site's button, with its start path and image prefix for an app at this context
   * path, to set options on and render: {@code sites.button(ctx, m).knownUser(handle).render(
   * m.site())}.
   *
   * @param contextPath the request's context path, e.g. {@code request.getContextPath()}
   * @param mount one of {@link #mounts()}
   */
  public ButtonHtml button(String contextPath, Mount mount) {
    ButtonHtml b = ButtonHtml.of(contextPath + mount.startPath(), contextPath + buttonPath + "/");
    // In the sandbox a form where the user names the server is filled in with its fake's address.
    return sandbox.inputValue(mount.site()).map(b::inputValue).orElse(b);
  }

  /**
   * The login forms of every site, as HTML, for an app at this context path.
   *
   * @param contextPath the request's context path, e.g. {@code request.getContextPath()}
   * @param formExtra trusted markup to add to each form, such as Spring Security's CSRF input; see
   *     {@link DropinSecurity#csrfInput}
   */
  public String buttons(String contextPath, String formExtra) {
    StringBuilder h = new StringBuilder();
    for (Mount m : mounts) {
      h.append(button(contextPath, m).formExtra(formExtra).render(m.site()));
      h.append('\n');
    }
    return h.toString();
  }
}
