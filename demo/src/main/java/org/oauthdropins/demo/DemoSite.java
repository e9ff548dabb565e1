package org.oauthdropins.demo;

import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.testkit.Fake;

/**
 * One site as the demo runs it: against the real provider, or in the sandbox against its fake.
 *
 * @param factory the site's factory
 * @param site the configured site
 * @param fake the fake it talks to, or null for the real provider
 */
record DemoSite(SiteFactory factory, Site<?> site, Fake fake) {

  void close() {
    if (fake != null) {
      fake.close();
    }
  }

  boolean sandboxed() {
    return fake != null;
  }

  String inputValue() {
    if (fake == null || site.button().input() == null) {
      return "";
    }
    return fake.startParams().getOrDefault(site.button().input(), "");
  }
}
