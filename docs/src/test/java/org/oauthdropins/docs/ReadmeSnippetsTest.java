package org.oauthdropins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java true: every {@code ```java} block in README.md must be, character for
 * character, a snippet region of a Java source file that the build compiles (a test source here, or
 * a sample's source), and every region must appear in the README. A region is marked in the source
 * with
 *
 * <pre>
 * // readme:start NAME
 * ...code...
 * // readme:end
 * </pre>
 *
 * Its text is the lines between the markers, less their common indentation. A name used for several
 * regions of one file (imports at the top, code in a method) joins them, in file order, with one
 * blank line between. CONTRIBUTING.md says how to add one.
 */
class ReadmeSnippetsTest {

  private static final String START = "// readme:start ";
  private static final String END = "// readme:end";
  private static final Set<String> SKIPPED_DIRS =
      Set.of("target", ".git", "node_modules", "data", ".idea", ".mvn");

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void everyJavaBlockOfTheReadmeIsACompiledSnippetRegion() {
    Map<String, Region> regions = regions(ROOT);
    Map<String, String> byText = new LinkedHashMap<>();
    regions.forEach((name, r) -> byText.put(r.text(), name));
    List<String> problems = new ArrayList<>();
    for (Block block : javaBlocks(ROOT.resolve("README.md"))) {
      if (!byText.containsKey(block.text())) {
        problems.add(
            "README.md line "
                + block.line()
                + ": this java block is no snippet region; "
                + closest(block.text(), regions));
      }
    }
    assertThat(problems).as("README java blocks without a compiled source").isEmpty();
  }

  @Test
  void everySnippetRegionAppearsInTheReadme() {
    Set<String> blocks =
        javaBlocks(ROOT.resolve("README.md")).stream().map(Block::text).collect(Collectors.toSet());
    List<String> unused =
        regions(ROOT).values().stream()
            .filter(r -> !blocks.contains(r.text()))
            .map(r -> r.name() + " (" + ROOT.relativize(r.file()) + ")")
            .toList();
    assertThat(unused)
        .as("snippet regions that the README does not show (stale, or the README lost them)")
        .isEmpty();
  }

  @Test
  void theMarkersAreReadAsDocumented() throws IOException {
    Path dir = Files.createTempDirectory("readme-snippets");
    Path source = dir.resolve("src").resolve("Example.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "// readme:start example",
            "import java.util.List;",
            "// readme:end",
            "class Example {",
            "  void m() {",
            "    // readme:start example",
            "    List<String> names = List.of();",
            "    if (names.isEmpty()) {",
            "      return;",
            "    }",
            "    // readme:end",
            "  }",
            "}",
            ""));
    Files.writeString(
        dir.resolve("README.md"),
        String.join(
            "\n",
            "Intro",
            "",
            "1. Step:",
            "",
            "   ```java",
            "   import java.util.List;",
            "",
            "   List<String> names = List.of();",
            "   if (names.isEmpty()) {",
            "     return;",
            "   }",
            "   ```",
            ""));

    assertThat(regions(dir).get("example").text())
        .isEqualTo(
            "import java.util.List;\n\nList<String> names = List.of();\n"
                + "if (names.isEmpty()) {\n  return;\n}");
    assertThat(javaBlocks(dir.resolve("README.md")))
        .containsExactly(new Block(5, regions(dir).get("example").text()));
  }

  /** A region of source: its name, the file it is in and its text. */
  record Region(String name, Path file, String text) {}

  /** A {@code ```java} block of the README and the line its fence is on. */
  record Block(int line, String text) {}

  static Map<String, Region> regions(Path root) {
    Map<String, Region> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !skipped(root, f))
              .sorted()
              .toList()) {
        for (Map.Entry<String, String> e : regionsOf(file).entrySet()) {
          Region before = regions.put(e.getKey(), new Region(e.getKey(), file, e.getValue()));
          if (before != null) {
            throw new IllegalStateException(
                "snippet region " + e.getKey() + " is in " + before.file() + " and " + file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  private static boolean skipped(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (SKIPPED_DIRS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> regionsOf(Path file) throws IOException {
    Map<String, List<String>> parts = new LinkedHashMap<>();
    String open = null;
    List<String> lines = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file)) {
      n++;
      String t = line.strip();
      if (t.startsWith(START)) {
        if (open != null) {
          throw new IllegalStateException(file + ":" + n + ": region " + open + " is still open");
        }
        open = t.substring(START.length()).strip();
        lines = new ArrayList<>();
      } else if (t.equals(END)) {
        if (open == null) {
          throw new IllegalStateException(file + ":" + n + ": " + END + " without a start");
        }
        parts.computeIfAbsent(open, k -> new ArrayList<>()).add(dedent(lines));
        open = null;
      } else if (open != null) {
        lines.add(line);
      }
    }
    if (open != null) {
      throw new IllegalStateException(file + ": region " + open + " is never ended");
    }
    Map<String, String> regions = new LinkedHashMap<>();
    parts.forEach((name, texts) -> regions.put(name, String.join("\n\n", texts)));
    return regions;
  }

  static List<Block> javaBlocks(Path markdown) {
    List<String> lines;
    try {
      lines = Files.readAllLines(markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i);
      if (!fence.strip().equals("```java")) {
        continue;
      }
      int indent = fence.indexOf('`');
      List<String> body = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).strip().equals("```")) {
        String line = lines.get(j);
        body.add(line.length() >= indent ? line.substring(indent) : line.strip());
        j++;
      }
      blocks.add(new Block(i + 1, dedent(body)));
      i = j;
    }
    return blocks;
  }

  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    List<String> out =
        new ArrayList<>(
            lines.stream()
                .map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .toList());
    while (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return String.join("\n", out);
  }

  /** Where a block that matches no region probably came from, and its first difference. */
  private static String closest(String block, Map<String, Region> regions) {
    List<String> want = block.lines().toList();
    Region best = null;
    int bestSame = -1;
    for (Region r : regions.values()) {
      List<String> have = r.text().lines().toList();
      int same = (int) have.stream().filter(want::contains).count();
      if (same > bestSame) {
        best = r;
        bestSame = same;
      }
    }
    if (best == null || bestSame == 0) {
      return "add it to a source file between " + START + "NAME and " + END;
    }
    List<String> have = best.text().lines().toList();
    int i = 0;
    while (i < want.size() && i < have.size() && want.get(i).equals(have.get(i))) {
      i++;
    }
    return "closest is region "
        + best.name()
        + " in "
        + ROOT.relativize(best.file())
        + ", which differs at its line "
        + (i + 1)
        + ": README has ["
        + (i < want.size() ? want.get(i) : "(end)")
        + "], the source ["
        + (i < have.size() ? have.get(i) : "(end)")
        + "]";
  }
}
