package org.oauthdropins.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.oauthdropins.BaseUrl;

/**
 * The demo's command line.
 *
 * @param port the HTTP port; 0 picks a free one
 * @param db a JDBC URL, {@code datastore:<project>}, {@code datastore://<host:port>/<project>} (the
 *     emulator), or null for the embedded database in {@code data}
 * @param data the embedded database's folder, {@code ./data} unless {@code --data} names another;
 *     made its owner's alone, as it holds tokens. It also holds the key file that seals the tokens
 *     (unless {@code OAUTH_DROPINS_KEYS} is set), for the embedded store and any {@code --db} but
 *     an H2 file (whose key file is beside it)
 * @param sandbox run every site against its fake, even where credentials are configured
 * @param live let the sites that need no credentials (Mastodon, Pixelfed, Misskey, the fediverse
 *     button, IndieAuth, Bluesky) talk to the real servers users name, instead of their fakes
 * @param bind the address to listen on; loopback unless the user asks for more
 * @param baseUrl the demo's public base URL, or null for {@link BaseUrl#fromEnvironment()}
 * @param registrationsValidAfter Mastodon, Pixelfed and fediverse registrations made before this
 *     time are made again at the next login at their instance (after the demo's base URL changed),
 *     or null
 */
record DemoOptions(
    int port,
    String db,
    Path data,
    boolean sandbox,
    boolean live,
    String bind,
    String baseUrl,
    Instant registrationsValidAfter) {

  static final String USAGE =
      "usage: java -jar oauth-dropins-demo.jar [--port N] [--db JDBC_URL|datastore:PROJECT]"
          + " [--data DIR] [--sandbox] [--live] [--bind ADDRESS] [--base-url https://your.host]"
          + " [--registrations-valid-after 2025-01-31T00:00:00Z]\n"
          + "Stored tokens are sealed under the key ring of OAUTH_DROPINS_KEYS (or the file"
          + " ./oauth_dropins_keys), else under a key file oauth-dropins.keys made beside the"
          + " database (in --data, default ./data; beside a jdbc:h2: file). Keep that file out of"
          + " the database's backups.";

  static DemoOptions parse(String... args) {
    int port = 8080;
    String db = null;
    Path data = null;
    boolean sandbox = false;
    boolean live = false;
    String bind = "127.0.0.1";
    String baseUrl = null;
    Instant validAfter = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--db" -> db = value(args, ++i, "--db");
        case "--data" -> data = Path.of(value(args, ++i, "--data"));
        case "--sandbox" -> sandbox = true;
        case "--live" -> live = true;
        case "--bind" -> bind = value(args, ++i, "--bind");
        case "--base-url" -> baseUrl = value(args, ++i, "--base-url");
        case "--registrations-valid-after" ->
            validAfter = instant(value(args, ++i, "--registrations-valid-after"));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0 to 65535");
    }
    if (sandbox && live) {
      throw new IllegalArgumentException("--sandbox and --live contradict each other\n" + USAGE);
    }
    // Fails now, with the reason, rather than at the first login.
    BaseUrl.of(baseUrl == null ? "http://localhost" : baseUrl);
    return new DemoOptions(
        port, db, data == null ? Path.of("data") : data, sandbox, live, bind, baseUrl, validAfter);
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--registrations-valid-after takes a UTC time such as 2025-01-31T00:00:00Z\n" + USAGE);
    }
  }

  /** The base URL the demo's sites use. */
  BaseUrl base() {
    return baseUrl == null ? BaseUrl.fromEnvironment() : BaseUrl.of(baseUrl);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
    }
    return Objects.requireNonNull(args[i]);
  }
}
