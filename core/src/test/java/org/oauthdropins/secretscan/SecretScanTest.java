package org.oauthdropins.secretscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.internal.secrets.Secrets;

/** The scan can fail: a crafted log that carries an issued token is caught, and named safely. */
class SecretScanTest {

  @Test
  void aLogLineWithAnIssuedTokenIsALeakNamedByKindNeverByValue() {
    String token = "gho_" + Secrets.random(20);
    SecretScan scan = new SecretScan().add("FakeOAuth2.token:411", token.substring(4));
    List<String> leaks =
        scan.leaks(
            "test-log.txt",
            Stream.of(
                "INFO org.oauthdropins.Callback - github login stored as GitHubAuth:1",
                "DEBUG org.oauthdropins.X - sent Authorization: Bearer " + token + " to api"));
    assertThat(leaks).containsExactly("FakeOAuth2.token:411 in test-log.txt line 2");
    assertThat(String.join("\n", leaks)).doesNotContain(token.substring(4));
  }

  @Test
  void aSecretInsideAUrlOrJsonIsFoundAndShortOrMaskedValuesAreNot() {
    String code = Secrets.random(16);
    SecretScan scan = new SecretScan().add("FakeOAuth2.authorize:300", code).add("kid", "k-abc");
    assertThat(scan.leaks("x", Stream.of("GET /cb?state=s&code=" + code + "&iss=x"))).hasSize(1);
    assertThat(scan.leaks("x", Stream.of("{\"code\":\"" + code + "\"}"))).hasSize(1);
    assertThat(scan.leaks("x", Stream.of(Secrets.mask(code), code.substring(1), "k-abc")))
        .isEmpty();
  }

  @Test
  void theCheckReadsTheTestkitsRegistryAndEveryReport(@TempDir Path dir) throws IOException {
    String refresh = "ref_" + Secrets.random(20);
    Path registry = dir.resolve("issued-secrets.txt");
    Files.writeString(
        registry, "FakeOAuth2.token:422\t" + refresh.substring(4) + "\n", StandardCharsets.UTF_8);
    Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
    Files.writeString(reports.resolve("A.txt"), "all fine\n");
    Files.write(
        reports.resolve("B.xml"),
        ("<failure message=\"expected AuthRecord[token=" + refresh + "]\"/>\n\u00ff")
            .getBytes(StandardCharsets.ISO_8859_1));
    SecretScan scan = SecretScan.fromRegistry(registry);
    assertThat(scan.size()).isEqualTo(1);
    assertThat(scan.leaks(reports))
        .containsExactly("FakeOAuth2.token:422 in " + reports.resolve("B.xml") + " line 1");
    assertThat(scan.leaks(dir.resolve("missing.txt"))).isEmpty();
  }
}
