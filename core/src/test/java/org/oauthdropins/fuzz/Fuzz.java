package org.oauthdropins.fuzz;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.oauthdropins.errors.LoginException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;

/**
 * The rule every fuzz target checks, in one place: outside input may make the library refuse (its
 * own {@link LoginException}s, or the exception a pure parser documents), never crash with anything
 * else, and never hang.
 *
 * <p>Seed corpora live under {@code src/test/resources/<package>/<TargetClass>Inputs/<method>/} and
 * run as plain regression tests in {@code ./mvnw verify}; {@code JAZZER_FUZZ=1} with {@code
 * -Dtest=Class#method} fuzzes one target (see the report of issue 14 / SECURITY.md).
 */
public final class Fuzz {

  /**
   * Far above any honest parse (microseconds), far below a hang; generous because CI machines are
   * shared and slow.
   */
  static final Duration HANG = Duration.ofSeconds(10);

  private Fuzz() {}

  /** Code under test that may throw checked exceptions. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /**
   * Runs {@code body}; a {@link LoginException} or one of the {@code allowed} types is a refusal,
   * any other exception escapes and is the finding, and so is taking longer than {@link #HANG}.
   */
  @SafeVarargs
  public static void refusesOnly(Body body, Class<? extends Throwable>... allowed) {
    long start = System.nanoTime();
    try {
      body.run();
    } catch (LoginException expected) {
      // the library's own 400/502/503: a refusal, never a crash
    } catch (Throwable t) {
      for (Class<? extends Throwable> a : allowed) {
        if (a.isInstance(t)) {
          checkTime(start);
          return;
        }
      }
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new AssertionError("escaped: " + t, t);
    }
    checkTime(start);
  }

  private static void checkTime(long start) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (took.compareTo(HANG) > 0) {
      throw new AssertionError("one input took " + took.toMillis() + " ms: a hang");
    }
  }

  /** A transport that answers every call with what {@code answer} makes of it, never a socket. */
  public static HttpTransport answering(Function<HttpCall, HttpResult> answer) {
    return call -> {
      HttpResult r = answer.apply(call);
      if (r == null) {
        throw new IOException("no answer");
      }
      return r;
    };
  }

  /** A response with one content type and a UTF-8 body. */
  public static HttpResult result(int status, URI uri, String contentType, String body) {
    return new HttpResult(
        status,
        uri,
        contentType == null ? Map.of() : Map.of("content-type", List.of(contentType)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** One of a few content types a provider might send, or none. */
  public static String contentType(int choice) {
    List<String> types =
        List.of(
            "application/json",
            "application/x-www-form-urlencoded",
            "text/plain",
            "text/html; charset=utf-8",
            "application/jrd+json");
    int i = Math.floorMod(choice, types.size() + 1);
    return i == types.size() ? null : types.get(i);
  }
}
