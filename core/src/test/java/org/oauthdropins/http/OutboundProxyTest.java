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

  @Test
  void noProxyEntriesMayBeBracketedWildcardedOrEndInADotAndEmptyOnesChangeNothing() {
    OutboundProxy p =
        OutboundProxy.to("http://proxy.corp:3128")
            .withNoProxy("[fd00::1]:8443, *.corp.example, ,10.1.2.3/32, 0.0.0.0/0x");

    assertThat(via(p, "https://[fd00::1]/")).as("a bracketed address with a port").isEmpty();
    assertThat(via(p, "https://sso.corp.example/")).as("a *. wildcard").isEmpty();
    assertThat(via(p, "https://sso.corp.example./")).as("a fully qualified name").isEmpty();
    assertThat(via(p, "https://10.1.2.3/")).as("a /32 range is its one address").isEmpty();
    assertThat(via(p, "https://10.1.2.4/")).contains("proxy.corp:3128");
    assertThat(OutboundProxy.to("http://p:1").withNoProxy(" , ,"))
        .as("empty entries are dropped")
        .isEqualTo(OutboundProxy.to("http://p:1"))
        .hasSameHashCodeAs(OutboundProxy.to("http://p:1"));
    assertThat(OutboundProxy.to("http://p:1").hashCode())
        .isNotEqualTo(OutboundProxy.to("http://p:2").hashCode());
    assertThat(OutboundProxy.to("http://p:1").withNoProxy(null))
        .isEqualTo(OutboundProxy.to("http://p:1"));
    assertThat(OutboundProxy.to("http://p:1"))
        .isNotEqualTo(OutboundProxy.to("http://p:2"))
        .isNotEqualTo(OutboundProxy.to("http://p:1").withNoProxy("a.example"))
        .isNotEqualTo(OutboundProxy.fromEnvironment(Map.of("HTTP_PROXY", "http://p:1")))
        .isNotEqualTo(OutboundProxy.fromEnvironment(Map.of("HTTPS_PROXY", "http://p:1")));
  }

  @Test
  void aRangeOfZeroBitsHoldsEveryAddressOfItsFamilyAndAnImpossibleLengthNone() {
    OutboundProxy p =
        OutboundProxy.to("http://proxy.corp:3128")
            .withNoProxy("0.0.0.0/0, 10.0.0.1/33, 10.0.0.2/-1, ::/-1");

    assertThat(via(p, "https://203.0.113.9/")).isEmpty();
    assertThat(via(p, "https://[2001:db8::1]/"))
        .as("an IPv4 range never holds an IPv6 address")
        .contains("proxy.corp:3128");
    OutboundProxy impossible =
        OutboundProxy.to("http://proxy.corp:3128").withNoProxy("10.0.0.1/33, 10.0.0.2/-1");
    assertThat(via(impossible, "https://10.0.0.1/")).contains("proxy.corp:3128");
    assertThat(via(impossible, "https://10.0.0.2/")).contains("proxy.corp:3128");
  }

  @Test
  void aRangeNeverMatchesANameEvenOneThatResolvesIntoIt() {
    OutboundProxy p = OutboundProxy.to("http://proxy.corp:3128").withNoProxy("127.0.0.0/8");

    assertThat(via(p, "http://localhost/")).contains("proxy.corp:3128");
    assertThat(via(p, "http://127.0.0.1/")).isEmpty();
  }

  @Test
  void aBlankUpperCaseVariableFallsBackToTheLowerCaseOneAndBlankMeansUnset() {
    assertThat(
            via(
                OutboundProxy.fromEnvironment(
                    Map.of("HTTPS_PROXY", "  ", "https_proxy", " http://lower.corp:1 ")),
                "https://example.com/"))
        .contains("lower.corp:1");
    assertThat(OutboundProxy.fromEnvironment(Map.of("HTTPS_PROXY", "", "https_proxy", " ")))
        .isSameAs(OutboundProxy.NONE);
    assertThat(OutboundProxy.to("http://p:1").isNone()).isFalse();
    assertThat(OutboundProxy.fromEnvironment(Map.of("HTTP_PROXY", "http://p:1")).isNone())
        .isFalse();
  }

  @Test
  void aProxyUrlWithoutAPortMeansPort80AndOneWithoutAHostIsRefused() {
    assertThat(via(OutboundProxy.to("http://proxy.corp"), "https://example.com/"))
        .contains("proxy.corp:80");
    assertThatThrownBy(() -> OutboundProxy.to("http://:3128"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no host");
  }

  @Test
  void itsTextNamesTheProxiesAndTheDirectHostsAndNothingElse() {
    assertThat(OutboundProxy.NONE).hasToString("OutboundProxy[none]");
    assertThat(
            OutboundProxy.fromEnvironment(
                Map.of("HTTPS_PROXY", "http://s.corp:1", "NO_PROXY", "a.example")))
        .asString()
        .startsWith("OutboundProxy[https via s.corp")
        .contains("http via null", "direct for [localhost, 127.0.0.1, ::1, a.example]]");
  }
}
