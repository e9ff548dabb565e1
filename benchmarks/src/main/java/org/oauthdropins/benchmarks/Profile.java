package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an app's CPU went during its load run, from a JFR recording with the default settings
 * (execution samples every 20 ms, well under 1% overhead). A sample counts for the component of its
 * innermost frame that belongs to a known one, so crypto called by the library counts as crypto and
 * H2's SQL parser as H2.
 */
final class Profile {

  private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("org.h2.", "H2");
    COMPONENTS.put("org.postgresql.", "PostgreSQL driver");
    COMPONENTS.put("com.zaxxer.hikari.", "HikariCP");
    COMPONENTS.put("jdk.internal.net.http.", "JDK HttpClient");
    COMPONENTS.put("java.net.http.", "JDK HttpClient");
    COMPONENTS.put("sun.net.www.", "HttpURLConnection");
    COMPONENTS.put("com.github.scribejava.", "ScribeJava");
    COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
    COMPONENTS.put("com.nimbusds.", "Nimbus JOSE");
    COMPONENTS.put("org.slf4j.", "logging");
    COMPONENTS.put("sun.security.", "crypto");
    COMPONENTS.put("com.sun.crypto.", "crypto");
    COMPONENTS.put("java.security.", "crypto");
    COMPONENTS.put("javax.crypto.", "crypto");
    COMPONENTS.put("org.oauthdropins.benchmarks.", "the app");
    COMPONENTS.put("org.oauthdropins.", "oauth-dropins");
    COMPONENTS.put("org.eclipse.jetty.", "Jetty");
    COMPONENTS.put("sun.nio.", "network I/O");
    COMPONENTS.put("java.net.", "network I/O");
  }

  private Profile() {}

  /** Shares of the samples by component and by innermost method, largest first. */
  static Results.Profile read(String contender, Path jfr) throws IOException {
    Map<String, Long> components = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    long samples = 0;
    if (!Files.isRegularFile(jfr)) {
      return new Results.Profile(contender, 0, List.of(), List.of());
    }
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      RecordedFrame top = frames.get(0);
      methods.merge(
          top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
      components.merge(component(frames), 1L, Long::sum);
    }
    return new Results.Profile(contender, samples, top(components, samples), top(methods, samples));
  }

  private static String component(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
        if (type.startsWith(c.getKey())) {
          return c.getValue();
        }
      }
    }
    return "JDK and other";
  }

  private static List<Results.Share> top(Map<String, Long> counts, long total) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(12)
        .map(e -> new Results.Share(e.getKey(), 100.0 * e.getValue() / Math.max(total, 1)))
        .toList();
  }
}
