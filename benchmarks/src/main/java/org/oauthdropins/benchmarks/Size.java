package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an app carries by depending on core: core's jar plus its runtime class path, as Maven
 * resolved it ({@code benchmarks/run} writes it with {@code dependency:build-classpath}).
 */
final class Size {

  private Size() {}

  /** The jars, core's first; empty when the class path file was not written. */
  static List<Results.Jar> coreJars(Path classpathFile, Path coreTarget) throws IOException {
    List<Results.Jar> jars = new ArrayList<>();
    if (Files.isDirectory(coreTarget)) {
      try (Stream<Path> s = Files.list(coreTarget)) {
        s.filter(p -> p.getFileName().toString().matches("oauth-dropins-[0-9.]+(-SNAPSHOT)?\\.jar"))
            .forEach(p -> jars.add(jar(p)));
      }
    }
    if (Files.isRegularFile(classpathFile)) {
      for (String entry :
          Files.readString(classpathFile).strip().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          jars.add(jar(Path.of(entry)));
        }
      }
    }
    return jars;
  }

  /** Whether an app needs the jar only for the embedded default store (core's optional H2). */
  static boolean optional(Results.Jar jar) {
    return jar.name().startsWith("h2-");
  }

  private static Results.Jar jar(Path p) {
    try {
      return new Results.Jar(p.getFileName().toString(), Files.size(p));
    } catch (IOException e) {
      return new Results.Jar(p.getFileName().toString(), 0);
    }
  }
}
