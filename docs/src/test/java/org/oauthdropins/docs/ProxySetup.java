package org.oauthdropins.docs;

// readme:start proxy
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.http.JdkTransport;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;
import org.oauthdropins.sites.github.GitHub;
import org.oauthdropins.sites.github.GitHubAuth;

// readme:end

/** The README's explicit proxy configuration. */
final class ProxySetup {

  private ProxySetup() {}

  static OAuth2Site<GitHubAuth> github() {
    // readme:start proxy
    OutboundProxy proxy = OutboundProxy.to("http://proxy.corp:3128").withNoProxy(".corp.example");
    OAuth2Site<GitHubAuth> github =
        GitHub.create(
            SiteOptions.defaults().withTransport(new JdkTransport(Limits.DEFAULT, proxy)));
    // readme:end
    return github;
  }
}
