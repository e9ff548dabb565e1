package org.oauthdropins.docs;

// readme:start proxy
import org.oauthdropins.Site;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.github.GitHub;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;

// readme:end

/** The README's explicit proxy configuration. */
final class ProxySetup {

  private ProxySetup() {}

  static Site github() {
    // readme:start proxy
    OutboundProxy proxy = OutboundProxy.to("http://proxy.corp:3128").withNoProxy(".corp.example");
    Site github =
        GitHub.create(
            SiteOptions.defaults().withTransport(new JdkTransport(Limits.DEFAULT, proxy)));
    // readme:end
    return github;
  }
}
