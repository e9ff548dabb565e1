package org.oauthdropins.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /**
   * What a module adds to core's jars: its own jar (in {@code target}, named {@code artifact}) and
   * the jars of its runtime class path that core's does not hold; empty when the class path file
   * was not written.
   */
  static List<Results.Jar> addedJars(
      List<Results.Jar> core, Path classpathFile, Path target, String artifact) throws IOException {
    List<Results.Jar> added = new ArrayList<>();
    if (!Files.isRegularFile(classpathFile)) {
      return added;
    }
    if (Files.isDirectory(target)) {
      try (Stream<Path> s = Files.list(target)) {
        s.filter(p -> p.getFileName().toString().matches(artifact + "-[0-9.]+(-SNAPSHOT)?\\.jar"))
            .forEach(p -> added.add(jar(p)));
      }
    }
    List<String> inCore = core.stream().map(Results.Jar::name).toList();
    for (String entry : Files.readString(classpathFile).strip().split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.isBlank()
          && !inCore.contains(p.getFileName().toString())
          && !Files.isDirectory(p)) {
        added.add(jar(p));
      }
    }
    return added;
  }

  /**
   * Why an app may leave the jar out, for core's optional dependencies (an app adds them only for
   * what needs them); empty for a jar every app carries.
   */
  static Optional<String> optional(Results.Jar jar) {
    if (jar.name().startsWith("h2-")) {
      return Optional.of("embedded store only");
    }
    if (jar.name().startsWith("jsoup-")) {
      return Optional.of("IndieAuth only");
    }
    return Optional.empty();
  }

  private static Results.Jar jar(Path p) {
    try {
      return new Results.Jar(p.getFileName().toString(), Files.size(p));
    } catch (IOException e) {
      return new Results.Jar(p.getFileName().toString(), 0);
    }
  }
}
