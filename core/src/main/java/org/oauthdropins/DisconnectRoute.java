package org.oauthdropins;

import java.util.List;
import java.util.Optional;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.store.Key;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The disconnect route every mount serves beside its start and callback: a POST from a page of the
 * app (checked as a start is, so no other site can disconnect its visitors' logins) whose {@code
 * auth_entity} names a login this browser holds (its {@link Logins} cookie, the only proof a
 * browser has: a key alone is typed by anyone). It revokes and deletes the login ({@link
 * Disconnect}) and answers as the mount's {@link Finish#disconnected}, with the cookie that drops
 * the login from the browser's list. Bad input is a plain 400, a login this browser does not hold a
 * 403, a failed revocation a 502; each changes nothing.
 */
final class DisconnectRoute {

  /** The route's name, under which a mount may move it ({@link Mount.Builder#routePath}). */
  static final String NAME = "disconnect";

  /** The form field that names the login, as the finish redirect names it. */
  static final String FIELD = "auth_entity";

  private final Site<?> site;
  private final SiteRoute.Context mount;
  private final Disconnect disconnect;

  private DisconnectRoute(Site<?> site, SiteRoute.Context mount, Disconnect disconnect) {
    this.site = site;
    this.mount = mount;
    this.disconnect = disconnect;
  }

  /** The route at {@code /<site>/disconnect}, or where the mount moved it. */
  static SiteRoute of(Site<?> site, SiteRoute.Context mount, Disconnect disconnect) {
    DisconnectRoute r = new DisconnectRoute(site, mount, disconnect);
    return new SiteRoute(
        NAME, mount.path(NAME, "/" + site.name() + "/" + NAME), List.of("POST"), null, r::handle);
  }

  WebResponse handle(WebRequest request) {
    try {
      mount.baseUrl().forFormPost(request, "a disconnect must come from a page of this site");
      Key key = key(request.parameter(FIELD).orElse(null));
      if (!key.kind().equals(site.kind())) {
        throw new BadRequestException("that login is not a " + site.name() + " login");
      }
      Logins logins = mount.logins();
      Optional<Key> held =
          logins == null
              ? Optional.empty()
              : logins.verify(request, request.parameter(FIELD).get());
      if (held.isEmpty()) {
        return refuse(403, "this browser holds no such login to disconnect");
      }
      Disconnect.Outcome o = disconnect.disconnect(request, logins, key);
      WebResponse answer =
          mount.finish() == null
              ? new WebResponse.Redirect(
                  org.oauthdropins.internal.Paths.contextPath(request) + "/", List.of())
              : mount.finish().disconnected(key, request.parameter("state").orElse(null), request);
      return Finisher.withCookie(answer, o.cookie());
    } catch (LoginException e) {
      return mount.refused(site, e);
    }
  }

  private static Key key(String value) {
    if (value == null || value.isEmpty()) {
      throw new BadRequestException("the disconnect form names no login (auth_entity)");
    }
    if (value.length() > 1024) {
      throw new BadRequestException("the login key is too long");
    }
    try {
      return Key.fromUrlsafe(value);
    } catch (RuntimeException e) {
      throw new BadRequestException("the login key is malformed");
    }
  }

  private WebResponse refuse(int status, String message) {
    return WebResponse.Page.text(status, message + "\n");
  }
}
