package org.oauthdropins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the library logs while some code runs, for tests of what reaches the log. */
public final class LogCapture {

  private LogCapture() {}

  /**
   * Runs the code and returns what slf4j-simple logged meanwhile: the lines appended to its log
   * file where the build sends it to one (for the secret scan), else System.err captured.
   */
  public static String logged(Runnable r) {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file != null && !file.startsWith("System.")) {
      Path log = Path.of(file);
      try {
        long before = Files.exists(log) ? Files.size(log) : 0;
        r.run();
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    PrintStream original = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
