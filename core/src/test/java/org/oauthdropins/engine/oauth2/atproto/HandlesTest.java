package org.oauthdropins.engine.oauth2.atproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.oauthdropins.errors.BadRequestException;

/** Handle and DID syntax from the atproto specs (specs.md §6.1, §6.2), and the URL checks. */
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
  void userUrlsNeedHttpsOutsideDevModeAndAPlainHost() {
    assertThatThrownBy(() -> UserUrls.check("http://pds.example/", false, "the PDS"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("https");
    assertThatThrownBy(() -> UserUrls.check("https://user@pds.example/", false, "the PDS"))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> UserUrls.check("https:///x", false, "the PDS"))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(() -> UserUrls.check("not a url", false, "the PDS"))
        .isInstanceOf(BadRequestException.class);
    assertThat(UserUrls.check("http://127.0.0.1:2583", true, "the PDS").getPort()).isEqualTo(2583);
    assertThat(UserUrls.check("https://pds.example", false, "the PDS").getHost())
        .isEqualTo("pds.example");
  }
}
