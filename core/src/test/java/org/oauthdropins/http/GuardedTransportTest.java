package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's contract ({@link GuardContract}) on the library's own HTTP/1.1, and what is the
 * guard's own beyond any request: its policy's address table, its origins, its text, and the guard
 * a site gets for the transport an app configured.
 */
class GuardedTransportTest extends GuardContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }

  private static InetAddress address(String s) {
    return AddressLiterals.parse(s);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700::1111",
        "2a00:1450::1",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "2002:808:808::1"
      })
  void publicAddressesAreAllowed(String address) {
    assertThat(GuardPolicy.STRICT.allows(address(address))).isTrue();
  }

  @Test
  void loopbackOptInDoesNotOpenPrivateOrMappedPrivateAddresses() {
    for (String a : List.of("10.0.0.1", "fd00::1", "fe80::1", "::ffff:192.168.0.1")) {
      assertThat(GuardPolicy.LOCAL_DEVELOPMENT.allows(address(a))).as(a).isFalse();
    }
    assertThat(GuardPolicy.LOCAL_DEVELOPMENT.allows(address("::ffff:127.0.0.1"))).isTrue();
  }

  @Test
  void sitesGetAGuardForTheirConfiguredTransport() {
    assertThat(GuardedTransport.of(JdkTransport.shared())).isSameAs(GuardedTransport.strict());
    GuardedTransport dev = GuardedTransport.localDevelopment();
    assertThat(GuardedTransport.of(dev)).isSameAs(dev);
    assertThat(GuardedTransport.of(new JdkTransport(Limits.DEFAULT)).policy())
        .isEqualTo(GuardPolicy.STRICT);
    HttpTransport custom = call -> null;
    assertThatThrownBy(() -> GuardedTransport.of(custom))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOriginNamesTheDefaultPortOfItsSchemeWhenTheUrlNamesNone() {
    assertThat(GuardedTransport.origin(URI.create("https://A.example/x")))
        .isEqualTo(GuardedTransport.origin(URI.create("https://a.example:443/y")))
        .isEqualTo("https://a.example:443");
    assertThat(GuardedTransport.origin(URI.create("http://a.example/")))
        .isEqualTo("http://a.example:80");
    assertThat(GuardedTransport.origin(URI.create("https://a.example:8443/")))
        .isEqualTo("https://a.example:8443");
  }

  @Test
  void aGuardSaysWhatItAllows() {
    assertThat(GuardedTransport.strict()).hasToString("GuardedTransport[https only]");
    assertThat(GuardedTransport.localDevelopment())
        .hasToString("GuardedTransport[http and https, loopback allowed]");
  }
}
