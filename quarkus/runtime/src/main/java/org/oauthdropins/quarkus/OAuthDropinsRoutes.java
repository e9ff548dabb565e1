package org.oauthdropins.quarkus;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.oauthdropins.Mount;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/** Mounts every configured site on the app's router when Quarkus builds it. */
@Singleton
public class OAuthDropinsRoutes {

  void mount(@Observes Router router, DropinSites sites) {
    List<Mount> mounts = sites.mounts();
    for (int i = 0; i < mounts.size(); i++) {
      Mount m = mounts.get(i);
      Sandbox.Fake fake = sites.fake(i);
      VertxDropins.mount(
          router, m, fake == null ? m.start()::handle : r -> sandboxStart(m, fake, r));
    }
    VertxDropins.buttons(router, sites.buttonPath(), mounts);
  }

  /**
   * A start in the sandbox: registers the callback URL the browser is using with the fake first, as
   * a developer would at the real site's settings page, since the port (and localhost or 127.0.0.1)
   * is only known from the request.
   */
  private static WebResponse sandboxStart(Mount m, Sandbox.Fake fake, WebRequest request) {
    try {
      fake.registerRedirectUri(m.baseUrl().resolve(request, m.callbackPath()));
    } catch (BadRequestException e) {
      // Not a host the app serves: Start refuses it below with its own answer.
    }
    return m.start().handle(request);
  }
}
