package org.oauthdropins.internal.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.TokenClient;

/**
 * Published vectors: RFC 7636 Appendix B, the IndieAuth spec's example, RFC 6749's Basic header.
 */
class PkceTest {

  @Test
  void rfc7636AppendixB() {
    assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void indieAuthExample() {
    assertThat(Pkce.challenge("a6128783714cfda1d388e2e98b6ae8221ac31aca31959e59512c59f5"))
        .isEqualTo("OfYAxt8zU2dAPDWQxTAUIteRzMsoj9QBdMIVEDOErUo");
  }

  @Test
  void freshPairsAreS256AndUnique() {
    Pkce a = Pkce.create();
    Pkce b = Pkce.create();
    assertThat(a.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(a.challenge()).isEqualTo(Pkce.challenge(a.verifier()));
    assertThat(a.verifier()).isNotEqualTo(b.verifier());
    assertThat(a.toString()).isEqualTo("Pkce[S256]").doesNotContain(a.verifier());
  }

  @Test
  void basicHeaderRfc6749() {
    assertThat(TokenClient.basic(new Credentials("s6BhdRkqt3", "gX1fBat3bV")))
        .isEqualTo("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
    // Both parts are form-encoded before base64 (RFC 6749 §2.3.1).
    assertThat(TokenClient.basic(new Credentials("my client", "p@ss:w/rd")))
        .isEqualTo("Basic bXkrY2xpZW50OnAlNDBzcyUzQXclMkZyZA==");
  }
}
