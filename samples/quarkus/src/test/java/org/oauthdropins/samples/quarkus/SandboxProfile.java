package org.oauthdropins.samples.quarkus;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The sample as `quarkus dev` runs it: the sandbox on, no credentials anywhere. */
public class SandboxProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "oauth-dropins.sandbox",
        "true",
        "oauth-dropins.store.directory",
        "target/sandbox-store-" + System.nanoTime());
  }
}
