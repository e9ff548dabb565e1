package org.oauthdropins.secretscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's secret scan, run by surefire at {@code verify} after every test of the module has
 * finished (execution {@code secret-scan} in the parent POM): every secret the testkit fakes issued
 * or saw during the run ({@code target/issued-secrets.txt}) is looked for in the run's log ({@code
 * target/test-log.txt}, library loggers at DEBUG) and in the surefire reports. Not run with the
 * other tests: it must see their whole output.
 */
class SecretScanCheck {

  @Test
  void noIssuedSecretInTheRunsLogsOrReports() throws IOException {
    Path registry = Path.of(System.getProperty("secretScan.issued", "target/issued-secrets.txt"));
    SecretScan scan = SecretScan.fromRegistry(registry);
    List<String> leaks = new ArrayList<>();
    for (String place :
        System.getProperty("secretScan.outputs", "target/test-log.txt,target/surefire-reports")
            .split(",")) {
      leaks.addAll(scan.leaks(Path.of(place.strip())));
    }
    System.out.println(
        "secret scan: " + scan.size() + " issued secrets, " + leaks.size() + " found in output");
    assertThat(leaks).as("issued secrets found in the test run's output (kind, place)").isEmpty();
  }
}
