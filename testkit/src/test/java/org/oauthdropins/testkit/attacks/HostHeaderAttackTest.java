package org.oauthdropins.testkit.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.testkit.Browser;

/**
 * The Host header chooses nothing: with a configured base URL, a start or callback whose {@code
 * Host} is another host is a 400 before anything is stored or consumed, and redirect URIs are built
 * from the base URL alone. (java.net.http cannot set {@code Host}, so these requests go over a raw
 * socket, as an attacker's script would send them.)
 */
class HostHeaderAttackTest {

  @RegisterExtension
  final Scene scene = new Scene(app -> app.baseUrl(BaseUrl.of(app.url().toString())));

  private final Browser victim = new Browser();

  /** Sends one raw HTTP/1.1 request to the app and returns its status line and headers. */
  private static String raw(
      URI app, String method, String pathAndQuery, String host, Map<String, String> headers)
      throws IOException {
    try (Socket s = new Socket(app.getHost(), app.getPort())) {
      s.setSoTimeout(10_000);
      StringBuilder req =
          new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static int status(String response) {
    return Integer.parseInt(response.substring(9, 12));
  }

  @Test
  void aStartWithAnotherHostIs400BeforeAnythingIsStored() throws IOException {
    String response =
        raw(
            scene.app.url(),
            "POST",
            "/github/start",
            "evil.example",
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(status(response)).isEqualTo(400);
    assertThat(response).doesNotContain("evil.example/github/oauth_callback");
    assertThat(scene.store.touches()).isZero();
  }

  @Test
  void aStartWithTheAppsOwnHostRedirectsWithTheConfiguredCallback() throws IOException {
    String host = scene.app.url().getRawAuthority();
    String response =
        raw(
            scene.app.url(),
            "POST",
            "/github/start",
            host,
            Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(status(response)).isEqualTo(302);
    assertThat(response)
        .contains(
            "redirect_uri="
                + java.net.URLEncoder.encode(
                    scene.app.callbackUrl(scene.site).toString(), StandardCharsets.UTF_8));
  }

  @Test
  void aCallbackWithAnotherHostIs400AndConsumesNothing() throws IOException {
    URI callback = Scene.approveWithoutFollowing(scene.start(victim, "s"));
    String cookies =
        victim.cookies().getCookieStore().get(scene.app.url()).stream()
            .map(HttpCookie::toString)
            .collect(Collectors.joining("; "));
    int before = scene.store.touches();

    String response =
        raw(
            scene.app.url(),
            "GET",
            callback.getRawPath() + "?" + callback.getRawQuery(),
            "evil.example",
            Map.of("Cookie", cookies));

    assertThat(status(response)).isEqualTo(400);
    assertThat(scene.store.touches()).isEqualTo(before);
    // The login still finishes at the app's own host.
    assertThat(victim.get(callback).status()).isEqualTo(200);
  }

  @Test
  void aLoopbackAppRefusesAnyOtherHost() throws IOException {
    try (Scene loopback = new Scene()) {
      String response = raw(loopback.app.url(), "POST", "/github/start", "evil.example", Map.of());
      assertThat(status(response)).isEqualTo(400);
      assertThat(loopback.store.touches()).isZero();
    }
  }
}
