package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the proxy for a destination is chosen from the environment's variables. */
class OutboundProxyTest {

  private static Optional<String> via(OutboundProxy p, String url) {
    return p.forDestination(URI.create(url))
        .map((InetSocketAddress a) -> a.getHostString() + ":" + a.getPort());
  }

  @Test
  void httpsProxyCarriesHttpsDestinationsAndNoProxyHostsAndTheirSubdomainsGoDirect() {
    OutboundProxy p =
        OutboundProxy.fromEnvironment(
            Map.of(
                "HTTPS_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", ".internal.corp, 10.0.0.5 ,sso.example:8443"));

    assertThat(via(p, "https://github.com/login")).contains("proxy.corp:3128");
    assertThat(via(p, "https://api.internal.corp/x")).isEmpty();
    assertThat(via(p, "https://internal.corp/")).isEmpty();
    assertThat(via(p, "https://notinternal.corp/")).contains("proxy.corp:3128");
    assertThat(via(p, "https://10.0.0.5/")).isEmpty();
    assertThat(via(p, "https://sso.example/")).isEmpty();
    assertThat(via(p, "http://github.com/")).as("no HTTP_PROXY: http goes direct").isEmpty();
  }

  @Test
  void noProxyAddressRangesMatchAddressesInThemAndNeverResolveNames() {
    OutboundProxy p =
        OutboundProxy.fromEnvironment(
            Map.of(
                "HTTPS_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", "10.0.0.0/8, 192.168.4.0/23, fd00::/8, 172.16.0.0/99, 1.2.3.4/x"));

    assertThat(via(p, "https://10.200.3.4/")).isEmpty();
    assertThat(via(p, "https://192.168.5.255/")).isEmpty();
    assertThat(via(p, "https://192.168.6.0/")).contains("proxy.corp:3128");
    assertThat(via(p, "https://11.0.0.1/")).contains("proxy.corp:3128");
    assertThat(via(p, "https://[fd12::1]/")).isEmpty();
    assertThat(via(p, "https://[fe80::1]/")).contains("proxy.corp:3128");
    assertThat(via(p, "https://172.16.0.1/")).as("bad prefix length").contains("proxy.corp:3128");
    assertThat(via(p, "https://1.2.3.4/")).as("bad prefix").contains("proxy.corp:3128");
    assertThat(via(p, "https://ten.example/"))
        .as("a name is not resolved")
        .contains("proxy.corp:3128");
  }

  @Test
  void fromTheEnvironmentLoopbackAlwaysGoesDirect() {
    OutboundProxy p = OutboundProxy.fromEnvironment(Map.of("https_proxy", "proxy.corp:8080"));

    assertThat(via(p, "https://mastodon.social/")).contains("proxy.corp:8080");
    assertThat(via(p, "https://localhost:8443/")).isEmpty();
    assertThat(via(p, "https://127.0.0.1/")).isEmpty();
    assertThat(via(p, "https://[::1]:8443/")).isEmpty();
  }

  @Test
  void anAsteriskSendsEverythingDirectAndNoVariablesMeanNoProxy() {
    OutboundProxy all =
        OutboundProxy.fromEnvironment(Map.of("HTTP_PROXY", "http://p:1", "NO_PROXY", "*"));
    assertThat(via(all, "http://example.com/")).isEmpty();
    assertThat(OutboundProxy.fromEnvironment(Map.of())).isSameAs(OutboundProxy.NONE);
    assertThat(OutboundProxy.NONE.isNone()).isTrue();
  }

  @Test
  void anExplicitProxyCarriesLoopbackToo() {
    assertThat(via(OutboundProxy.to("http://127.0.0.1:3128"), "http://127.0.0.1:9/"))
        .contains("127.0.0.1:3128");
  }

  @Test
  void aProxyUrlWithCredentialsIsRefusedWithoutQuotingThem() {
    assertThatThrownBy(
            () -> OutboundProxy.fromEnvironment(Map.of("HTTPS_PROXY", "http://bob:hunter2@p:3128")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HTTPS_PROXY")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> OutboundProxy.to("https://p:443"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://");
  }
}
