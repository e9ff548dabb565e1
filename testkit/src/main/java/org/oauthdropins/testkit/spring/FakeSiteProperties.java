package org.oauthdropins.testkit.spring;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.testkit.Fake;

/**
 * The oauth-dropins Spring Boot starter's properties that point a site at a fake: what {@link
 * OAuthDropinsTest} puts in a test's environment, and what a test that boots its app by hand can
 * pass itself.
 */
public final class FakeSiteProperties {

  private FakeSiteProperties() {}

  /**
   * {@code oauth-dropins.sites[<id>].*} for this fake: enabled, the only credentials it accepts,
   * its base URLs, and {@code allow-loopback} where the site reaches servers the user names (the
   * fake's are on loopback, over http), as the fake's {@code options()} have them.
   */
  public static Map<String, Object> of(Fake fake) {
    // Brackets keep ids and base names with underscores (google_signin, dev_pds) as they are.
    String p = "oauth-dropins.sites[" + fake.name() + "].";
    SiteOptions o = fake.options();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(p + "enabled", "true");
    if (o.credentials() != null) {
      out.put(p + "client-id", o.credentials().clientId());
      out.put(p + "client-secret", o.credentials().clientSecret());
    }
    for (Map.Entry<String, URI> base : o.bases().entrySet()) {
      String name = base.getKey().equals("*") ? "all" : base.getKey();
      out.put(p + "base-urls[" + name + "]", base.getValue().toString());
    }
    if (!(o.transport() instanceof JdkTransport)) {
      out.put(p + "allow-loopback", "true");
    }
    return out;
  }
}
