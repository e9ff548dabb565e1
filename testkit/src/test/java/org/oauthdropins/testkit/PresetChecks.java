package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.oauthdropins.engine.oidc.OidcProvider;
import org.oauthdropins.http.JdkTransport;

/**
 * Checks that a site which writes its provider's endpoints down (so that no login waits for
 * discovery) writes down what the provider's discovery document names.
 */
final class PresetChecks {

  private PresetChecks() {}

  /** The preset agrees with the discovery document of the fake's issuer on every endpoint. */
  static void matchesDiscovery(OidcProvider preset, String issuer) {
    OidcProvider discovered = OidcProvider.discover(issuer, JdkTransport.shared());

    assertThat(preset.issuer()).isEqualTo(discovered.issuer());
    assertThat(preset.authorizationEndpoint()).isEqualTo(discovered.authorizationEndpoint());
    assertThat(preset.tokenEndpoint()).isEqualTo(discovered.tokenEndpoint());
    assertThat(preset.userinfoEndpoint()).isEqualTo(discovered.userinfoEndpoint());
    assertThat(preset.jwksUri()).isEqualTo(discovered.jwksUri());
    assertThat(preset.pkce()).isEqualTo(discovered.pkce());
  }
}
