package org.oauthdropins.docs;

// readme:start keys-javalin
import io.javalin.Javalin;
import javax.sql.DataSource;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.Logins;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.javalin.JavalinDropins;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.jdbc.JdbcStore;

// readme:end

/** The README's Javalin app with a key ring: the same store and Logins as in plain Java. */
final class KeysJavalin {

  private KeysJavalin() {}

  static Javalin app(DataSource pool, KeyRing ring) {
    // readme:start keys-javalin
    AuthStore store = new JdbcStore(pool, ring);
    Logins logins = Logins.forStore(store);
    BaseUrl baseUrl = BaseUrl.fromEnvironment();
    Javalin app =
        Javalin.create(
            config ->
                JavalinDropins.mount(
                    config,
                    baseUrl,
                    GitHub.create(SiteOptions.defaults()),
                    store,
                    Finish.redirectTo("/after"),
                    logins));
    // readme:end
    return app;
  }
}
