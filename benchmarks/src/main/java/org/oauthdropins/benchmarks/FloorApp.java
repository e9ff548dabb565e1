package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Contender: the floor, a login written by hand with no library: {@link HttpURLConnection}, the
 * state in the servlet session, no PKCE, no store. What any library costs is measured against it.
 *
 * <p>{@code app floor --port N --fake URL}
 */
final class FloorApp {

  private FloorApp() {}

  static void main(Args args) throws Exception {
    int port = args.intValue("port", 0);
    String fake = args.value("fake", "http://127.0.0.1:1");
    String callback = "http://127.0.0.1:" + port + "/github/oauth_callback";
    String authorize =
        fake
            + "/login/oauth/authorize?client_id="
            + FakeGitHub.CLIENT_ID
            + "&redirect_uri="
            + encode(callback)
            + "&state=";

    SessionApps.serve(
        port,
        new SessionApps.GitHubClient() {
          @Override
          public String authorizeUrl(String state) {
            return authorize + state;
          }

          @Override
          public String userName(String code) throws IOException {
            String form =
                "client_id="
                    + FakeGitHub.CLIENT_ID
                    + "&client_secret="
                    + FakeGitHub.CLIENT_SECRET
                    + "&code="
                    + encode(code)
                    + "&redirect_uri="
                    + encode(callback);
            String answer =
                post(
                    fake + "/login/oauth/access_token",
                    "application/x-www-form-urlencoded",
                    form,
                    null);
            String token = formValue(answer, "access_token");
            if (token == null) {
              throw new IOException("GitHub gave no token");
            }
            return SessionApps.viewerName(
                post(fake + "/graphql", "application/json", SessionApps.VIEWER_QUERY, token));
          }
        });
  }

  private static String post(String url, String type, String body, String bearer)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    c.setRequestProperty("Content-Type", type);
    if (bearer != null) {
      c.setRequestProperty("Authorization", "Bearer " + bearer);
    }
    try (OutputStream out = c.getOutputStream()) {
      out.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (status != 200) {
        throw new IOException("GitHub answered " + status);
      }
      return text;
    }
  }

  private static String formValue(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
