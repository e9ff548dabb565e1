package org.oauthdropins.testkit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What got logged while a test ran: the new lines of the slf4j-simple log file (the library, Jetty,
 * Javalin and Spring log through SLF4J) and every {@code java.util.logging} record (Tomcat logs
 * there), with their stack traces. For tests that check that something, such as a callback's code,
 * never reaches a log. It needs slf4j-simple writing to a file ({@code
 * org.slf4j.simpleLogger.logFile}, as the build sets it) and refuses to start otherwise, rather
 * than check nothing.
 */
public final class LogWatch implements AutoCloseable {

  private final Path file;
  private final long start;
  private final StringBuffer jul = new StringBuffer();
  private final Logger root = Logger.getLogger("");
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          jul.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ");
          jul.append(r.getMessage());
          if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
              jul.append(" | ").append(p);
            }
          }
          if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            jul.append('\n').append(trace);
          }
          jul.append('\n');
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogWatch(Path file) {
    this.file = file;
    this.start = size(file);
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  /**
   * Starts watching.
   *
   * @throws IllegalStateException if slf4j-simple does not write to a file
   */
  public static LogWatch start() {
    String name = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (name == null || name.equals("System.err") || name.equals("System.out")) {
      throw new IllegalStateException(
          "LogWatch reads the slf4j-simple log file: set org.slf4j.simpleLogger.logFile");
    }
    return new LogWatch(Path.of(name));
  }

  /** Everything logged since {@link #start()}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    if (Files.exists(file)) {
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        long from = Math.min(start, f.length());
        byte[] b = new byte[(int) (f.length() - from)];
        f.seek(from);
        f.readFully(b);
        out.append(new String(b, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the log file " + file, e);
      }
    }
    return out.append(jul).toString();
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the log file " + file, e);
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
  }
}
