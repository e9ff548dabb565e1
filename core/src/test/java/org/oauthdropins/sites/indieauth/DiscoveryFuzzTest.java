package org.oauthdropins.sites.indieauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.fuzz.RawHttpServer;
import org.oauthdropins.http.GuardedTransport;

/**
 * IndieAuth discovery reads a stranger's page: its HTTP answer, Link headers, HTML links and
 * metadata JSON, and its microformats. Targets the package entry points ({@link
 * Discovery#discover}, {@link Microformats}) so they survive a rewrite of the parsers inside.
 */
class DiscoveryFuzzTest {

  @RegisterExtension static final RawHttpServer server = new RawHttpServer();
  private static final GuardedTransport GUARD = RawHttpServer.guard();

  /**
   * Input: raw HTTP answers separated by NUL bytes: the profile page, then the metadata document
   * (and any redirect targets). Refusals are {@link Discovery.NotFound} and {@link IOException}.
   */
  @FuzzTest
  void discover(byte[] data) {
    server.answer(new Input(data).parts());
    Fuzz.refusesOnly(
        () -> Discovery.discover(server.uri("/profile"), GUARD, null),
        Discovery.NotFound.class,
        IOException.class);
  }

  /** Input: an h-card page's HTML. Microformats parsing refuses nothing: it finds what it finds. */
  @FuzzTest
  void microformats(byte[] data) {
    String html = new String(data, StandardCharsets.UTF_8);
    Fuzz.refusesOnly(
        () -> {
          Document doc = Jsoup.parse(html, "https://me.example/");
          Microformats.representativeHCard(doc, "https://me.example/", Microformats.relMe(doc));
        });
  }
}
