package org.oauthdropins.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BadRequestException;

/** Handle and DID syntax from the atproto specs (specs.md §6.1, §6.2), and the address checks. */
class HandlesTest {

  @Test
  void normalizesWhatPeopleType() {
    assertThat(Handles.normalize("@Alice.BSKY.social")).isEqualTo("alice.bsky.social");
    assertThat(Handles.normalize(" \u200balice.bsky.social\u200e\ufeff "))
        .isEqualTo("alice.bsky.social");
    assertThat(Handles.normalize("@@a.co")).isEqualTo("@a.co");
  }

  @Test
  void specValidHandles() {
    for (String h :
        new String[] {
          "jay.bsky.social",
          "8.cn",
          "name.t--t",
          "XX.LCS.MIT.EDU",
          "a.co",
          "xn--notarealidn.com",
          "xn--fiqa61au8b7zsevnm8ak20mc4a87e.xn--fiqs8s",
          "example.t"
        }) {
      assertThat(Handles.valid(Handles.normalize(h), false)).as(h).isTrue();
    }
    assertThat(Handles.valid("xn--ls8h.test", true)).isTrue();
    assertThat(Handles.valid("xn--ls8h.test", false)).as(".test is for development").isFalse();
  }

  @Test
  void specInvalidHandles() {
    for (String h :
        new String[] {
          "jo@hn.test",
          "💩.test",
          "john..test",
          "xn--bcher-.tld",
          "john.0",
          "cn.8",
          "www.masełkowski.pl.com",
          "org",
          "name.org.",
          "a.local",
          "a.onion",
          "x.localhost",
          ""
        }) {
      assertThat(Handles.valid(h, true)).as(h).isFalse();
    }
  }

  @Test
  void dids() {
    assertThat(Handles.validDid("did:plc:ewvi7nxzyoun6zhxrhs64oiz")).isTrue();
    assertThat(Handles.validDid("did:web:example.com")).isTrue();
    for (String d :
        new String[] {
          "did:METHOD:val",
          "did:m123:val",
          "DID:method:val",
          "did:method:",
          "did:method:val/two",
          "did:method:val?two",
          "did:method:val#two",
          "did:plc:short",
          "did:key:zabc",
          "did:web:example.com:path"
        }) {
      assertThat(Handles.validDid(d)).as(d).isFalse();
    }
  }

  @Test
  void privateAddressesAreNotPublic() throws Exception {
    for (String a :
        new String[] {
          "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
          "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "224.0.0.1"
        }) {
      assertThat(UserUrls.isPublic(InetAddress.getByName(a))).as(a).isFalse();
    }
    assertThat(UserUrls.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(UserUrls.isPublic(InetAddress.getByName("2606:4700::1111"))).isTrue();
  }

  @Test
  void userUrlsNeedHttpsAndAPublicHostOutsideDevMode() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> UserUrls.check("http://8.8.8.8/", false, "the PDS"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("https");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> UserUrls.check("https://user@8.8.8.8/", false, "the PDS"))
        .isInstanceOf(BadRequestException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> UserUrls.check("https://127.0.0.1:8443/", false, "the PDS"))
        .hasMessageContaining("private address");
    // Development mode allows http on loopback, never the rest of the private network.
    assertThat(UserUrls.check("http://127.0.0.1:2583", true, "the PDS").getPort()).isEqualTo(2583);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> UserUrls.check("http://192.168.0.10:2583", true, "the PDS"))
        .hasMessageContaining("private address");
    assertThat(UserUrls.check("https://8.8.8.8/", false, "the PDS").getHost()).isEqualTo("8.8.8.8");
  }
}
