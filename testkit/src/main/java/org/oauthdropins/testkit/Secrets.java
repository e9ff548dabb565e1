package org.oauthdropins.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one place the fakes mint values: {@link org.oauthdropins.internal.secrets.Secrets} plus a
 * record of every secret issued, so that the build's secret scan can prove that no token, code or
 * secret a fake handed out reaches a log line, an error page or a {@code toString()}.
 *
 * <p>It shadows the core class of the same name inside this package, so every fake's {@code
 * Secrets.random(...)} goes through it without naming it. Recording is off unless the system
 * property {@value #FILE_PROPERTY} names a file (the build sets it for tests): the sandbox demo
 * runs these fakes for days and must not keep every token it ever issued.
 */
final class Secrets {

  /** The system property naming the file that receives one {@code kind<TAB>value} line a secret. */
  static final String FILE_PROPERTY = "oauthdropins.testkit.issuedSecretsFile";

  /**
   * Shorter values are public by role (key ids, DPoP nonces, status ids) and short enough to occur
   * by chance; every token, code and secret the fakes mint carries at least 16 bytes.
   */
  private static final int MIN_SECRET_BYTES = 16;

  private static Writer out;

  private Secrets() {}

  /** A random URL-safe string of {@code bytes} bytes of entropy; recorded if it is a secret. */
  static String random(int bytes) {
    String value = org.oauthdropins.internal.secrets.Secrets.random(bytes);
    if (bytes >= MIN_SECRET_BYTES) {
      record(value);
    }
    return value;
  }

  /** Records a secret minted some other way (a signed access token); returns it. */
  static String issued(String value) {
    record(value);
    return value;
  }

  /**
   * Records a secret the app sent a fake (its PKCE verifier): the library minted it, the fake is
   * where a test can see it. Values shorter than a minted secret are ignored, as above.
   */
  static void seen(String kind, String value) {
    if (value != null && value.length() >= 22) {
      write(kind, value);
    }
  }

  private static void record(String value) {
    if (System.getProperty(FILE_PROPERTY) == null) {
      return; // no walk of the stack when nobody records
    }
    // The minting method names the kind (FakeOAuth2.token, FakeIndieAuth.authorize...); the scan
    // reports that, never the value.
    String kind =
        StackWalker.getInstance()
            .walk(
                s ->
                    s.filter(f -> !f.getClassName().equals(Secrets.class.getName()))
                        .findFirst()
                        .map(
                            f ->
                                f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1)
                                    + "."
                                    + f.getMethodName()
                                    + ":"
                                    + f.getLineNumber())
                        .orElse("unknown"));
    write(kind, value);
  }

  private static synchronized void write(String kind, String value) {
    String name = System.getProperty(FILE_PROPERTY);
    if (name == null || name.isBlank()) {
      return;
    }
    Path file = Path.of(name);
    String line = kind.replaceAll("\\s", "_") + "\t" + value + "\n";
    try {
      if (out == null) {
        // One file per test JVM, like the log it is checked against: a new run starts it afresh.
        Files.createDirectories(file.toAbsolutePath().getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      }
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record an issued secret in " + file, e);
    }
  }
}
