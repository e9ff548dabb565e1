package org.oauthdropins.sites.indieauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules Discovery applies to what a profile page and its server declare: the issuer of an
 * {@code indieauth-metadata} document (IndieAuth §3.1, §4.1.1; RFC 8414 §2) and which declared
 * server may confirm a returned {@code me} (§5.4).
 */
class DiscoveryTest {

  private static final URI METADATA =
      URI.create("https://as.example/indieauth/.well-known/oauth-authorization-server");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://as.example",
        "https://as.example/",
        "https://as.example/indieauth",
        "https://as.example/indieauth/",
      })
  void anIssuerOnTheMetadataOriginThatPrefixesItsPathIsAccepted(String issuer) {
    assertThat(Discovery.validIssuer(issuer, METADATA, false)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    // A string prefix without an origin boundary: another host, or another port.
    "https://as.example, https://as.example.evil.net/.well-known/oauth-authorization-server",
    "https://as.example, https://as.example:8443/.well-known/oauth-authorization-server",
    "https://as.example, https://as.example@evil.net/.well-known/oauth-authorization-server",
    // A string prefix without a path boundary: another user's path on a shared host.
    "https://as.example/alice, https://as.example/alicemallory/.well-known/indieauth",
    "https://as.example/in, https://as.example/indieauth/.well-known/oauth-authorization-server",
  })
  void anIssuerThatIsAPrefixOnlyAsAStringIsRefused(String issuer, String metadata) {
    assertThat(Discovery.validIssuer(issuer, URI.create(metadata), false)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://as.example/?x=1",
        "https://as.example/#f",
        "https://as.example/indieauth?",
        "https://user@as.example/",
        "https://other.example/",
        "https://as.example/other/",
        "as.example/",
        "/indieauth",
        "",
      })
  void anIssuerWithAQueryFragmentUserOrAnotherPlaceIsRefused(String issuer) {
    assertThat(Discovery.validIssuer(issuer, METADATA, false)).isFalse();
  }

  @Test
  void anIssuerMustBeHttpsUnlessTheAppOptedInToHttp() {
    URI plain = URI.create("http://127.0.0.1:8080/.well-known/oauth-authorization-server");
    assertThat(Discovery.validIssuer("http://127.0.0.1:8080/", plain, false)).isFalse();
    assertThat(Discovery.validIssuer("http://127.0.0.1:8080/", plain, true)).isTrue();
    // Even with http allowed, the scheme is part of the origin.
    assertThat(Discovery.validIssuer("https://127.0.0.1:8080/", plain, true)).isFalse();
    assertThat(Discovery.validIssuer(null, plain, true)).isFalse();
  }

  @Test
  void aDeclaredServerConfirmsOnlyTheExactServerThatAnswered() {
    URI auth = URI.create("https://as.example/auth");
    URI token = URI.create("https://as.example/token");
    URI evilToken = URI.create("https://evil.example/token");
    Discovery.Server declared = new Discovery.Server(null, auth, token);

    // Redeemed at the token endpoint: it must be the declared one.
    assertThat(declared.confirms(new Discovery.Server(null, auth, token))).isTrue();
    assertThat(declared.confirms(new Discovery.Server(null, auth, evilToken))).isFalse();
    // Redeemed at the authorization endpoint: the token endpoint played no part.
    assertThat(declared.confirms(new Discovery.Server(null, auth, null))).isTrue();
    assertThat(new Discovery.Server(null, auth, null).confirms(declared)).isFalse();
    // The authorization endpoint and the issuer always count.
    assertThat(
            declared.confirms(
                new Discovery.Server(null, URI.create("https://evil.example/auth"), token)))
        .isFalse();
    assertThat(declared.confirms(new Discovery.Server("https://as.example/", auth, token)))
        .isFalse();
    assertThat(
            new Discovery.Server("https://as.example/", auth, token)
                .confirms(new Discovery.Server("https://as.example/", auth, token)))
        .isTrue();
  }
}
