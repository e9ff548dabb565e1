package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.fuzz.RawHttpServer;

/**
 * Core's fuzz target for the guard's HTTP reader ({@link GuardedTransportFuzzTest#read}), its seed
 * corpus replayed through the guard on Apache HttpClient: any server's bytes end in an answer
 * within the size limit or an {@link IOException}, nothing else.
 */
class ApacheGuardFuzzSeedsTest {

  @RegisterExtension static final RawHttpServer server = new RawHttpServer();
  private static final GuardedTransport GUARD = RawHttpServer.guard(ApacheTransports.INSTANCE);

  static Stream<Path> seeds() throws IOException {
    Path dir =
        Path.of(
            "../core/src/test/resources/org/oauthdropins/http/GuardedTransportFuzzTestInputs/read");
    List<Path> all;
    try (Stream<Path> files = Files.list(dir)) {
      all = files.sorted().toList();
    }
    assertThat(all).as("the guard's seed corpus").hasSizeGreaterThanOrEqualTo(10);
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aSeedIsAnsweredWithinTheLimitOrRefusedWithAnIoException(Path seed) throws IOException {
    GuardedTransportFuzzTest.read(GUARD, server, Files.readAllBytes(seed));
  }
}
