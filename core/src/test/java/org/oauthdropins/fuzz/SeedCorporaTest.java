package org.oauthdropins.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fuzz target's seed corpus is where the runner looks for it. A missing directory does not
 * fail the target: it runs one empty input and passes, so a moved class would silently drop its
 * regression seeds (it happened once, when the SSRF guard moved to an internal package).
 */
class SeedCorporaTest {

  @Test
  void everyFuzzTargetHasSeedsBesideItsClass() throws Exception {
    Path classes = Path.of(SeedCorporaTest.class.getResource("/").toURI());
    List<String> targets = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith("FuzzTest.class"))::iterator) {
        String name =
            classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> c = Class.forName(name, false, SeedCorporaTest.class.getClassLoader());
        for (Method m : c.getDeclaredMethods()) {
          if (m.isAnnotationPresent(FuzzTest.class)) {
            String dir = c.getSimpleName() + "Inputs/" + m.getName();
            targets.add(c.getSimpleName() + "#" + m.getName());
            URL seeds = c.getResource(dir);
            if (seeds == null || !hasFiles(Path.of(seeds.toURI()))) {
              missing.add(c.getName() + ": " + dir);
            }
          }
        }
      }
    }
    assertThat(targets).hasSizeGreaterThanOrEqualTo(9);
    assertThat(missing).isEmpty();
  }

  private static boolean hasFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }
}
