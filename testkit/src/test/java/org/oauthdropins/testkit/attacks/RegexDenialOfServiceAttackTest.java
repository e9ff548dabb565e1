package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.sites.indieauth.IndieAuthSite;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.testkit.Browser;
import org.oauthdropins.testkit.FakeIndieAuth;
import org.oauthdropins.testkit.FakeResponse;
import org.oauthdropins.testkit.FakeServer;
import org.oauthdropins.testkit.TestApp;

/**
 * Regular-expression denial of service: one anonymous request makes the app parse what a hostile
 * site sends. Every parser of that input must be linear, so the request costs what the bytes cost.
 */
class RegexDenialOfServiceAttackTest {

  @Test
  void aProfilePageFullOfLinkHeadersCostsLinearTime() {
    try (FakeIndieAuth indie = new FakeIndieAuth();
        FakeServer hostile = new FakeServer();
        TestApp app = new TestApp(new MemoryStore()).mount(IndieAuthSite.create(indie.options()))) {
      // As many Link headers as the transport admits, each a long run of '<', which the old
      // pattern <([^>]*)>([^<]*) took quadratic time over (about half a second per header).
      FakeResponse page = FakeResponse.html("<!doctype html><p>nothing here</p>");
      for (int i = 0; i < 150; i++) {
        page = page.header("Link", "<".repeat(16 * 1024 - 16));
      }
      FakeResponse answer = page;
      hostile.route("/", r -> answer);

      Browser.Page start =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () ->
                  new Browser()
                      .post(app.url("/indieauth/start"), Map.of("me", hostile.url() + "/")));
      assertThat(start.status()).isEqualTo(400);
      assertThat(start.body()).contains("no IndieAuth server");
    }
  }
}
