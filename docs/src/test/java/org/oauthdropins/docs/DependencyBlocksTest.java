package org.oauthdropins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A README java block compiles when pasted into an empty project with the dependency blocks a
 * reader sees: the "Dependencies" section's block and the {@code ```xml} blocks of the block's own
 * section. Each import's package must come from one of their artifacts (directly, or through one
 * that brings it at compile scope); ReadmeSnippetsTest proves the code itself compiles.
 */
class DependencyBlocksTest {

  private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

  /**
   * Which artifacts give a package, most specific prefix first. The adapters take their frameworks
   * (Servlet API, Javalin, Micrometer) as provided, so the app names them itself.
   */
  private static final Map<String, Set<String>> GIVEN_BY = new LinkedHashMap<>();

  static {
    Set<String> ours =
        Set.of(
            "oauth-dropins-servlet",
            "oauth-dropins-spring-boot-starter",
            "oauth-dropins-javalin",
            "oauth-dropins-micrometer",
            "oauth-dropins-datastore",
            "oauth-dropins-testkit",
            "oauth-dropins-quarkus");
    GIVEN_BY.put("java.", Set.of());
    GIVEN_BY.put("javax.sql.", Set.of()); // the JDK's java.sql module
    GIVEN_BY.put("org.oauthdropins.spring.", Set.of("oauth-dropins-spring-boot-starter"));
    GIVEN_BY.put(
        "org.oauthdropins.servlet.",
        Set.of("oauth-dropins-servlet", "oauth-dropins-spring-boot-starter"));
    GIVEN_BY.put("org.oauthdropins.javalin.", Set.of("oauth-dropins-javalin"));
    GIVEN_BY.put("org.oauthdropins.quarkus.", Set.of("oauth-dropins-quarkus"));
    // The extension brings Quarkus's Vert.x HTTP layer and its CDI container (ArC).
    GIVEN_BY.put("io.vertx.", Set.of("oauth-dropins-quarkus"));
    GIVEN_BY.put("jakarta.enterprise.", Set.of("oauth-dropins-quarkus"));
    GIVEN_BY.put("org.oauthdropins.testkit.", Set.of("oauth-dropins-testkit"));
    GIVEN_BY.put(
        "org.oauthdropins.micrometer.",
        Set.of("oauth-dropins-micrometer", "oauth-dropins-spring-boot-starter"));
    GIVEN_BY.put("org.oauthdropins.", ours);
    GIVEN_BY.put("org.slf4j.", ours);
    GIVEN_BY.put(
        "jakarta.servlet.",
        Set.of("jakarta.servlet-api", "jetty-ee10-servlet", "spring-boot-starter-webmvc"));
    GIVEN_BY.put("org.eclipse.jetty.", Set.of("jetty-ee10-servlet"));
    GIVEN_BY.put("io.javalin.", Set.of("javalin"));
    GIVEN_BY.put("io.micrometer.", Set.of("micrometer-core"));
    GIVEN_BY.put("org.springframework.security.", Set.of("spring-boot-starter-security"));
    GIVEN_BY.put("org.springframework.boot.test.", Set.of("spring-boot-starter-test"));
    GIVEN_BY.put("org.springframework.test.", Set.of("spring-boot-starter-test"));
    GIVEN_BY.put(
        "org.springframework.beans.",
        Set.of("spring-boot-starter-webmvc", "spring-boot-starter-test"));
    GIVEN_BY.put("org.springframework.", Set.of("spring-boot-starter-webmvc"));
    GIVEN_BY.put("org.junit.", Set.of("junit-jupiter"));
    GIVEN_BY.put("org.assertj.", Set.of("assertj-core"));
  }

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

  record Block(String section, String lang, int line, String text) {}

  @Test
  void everyJavaBlocksImportsComeFromTheDependencyBlocksBesideIt() throws IOException {
    List<Block> blocks = blocks(Files.readAllLines(README));
    Set<String> base = new TreeSet<>();
    blocks.stream()
        .filter(b -> b.section().equals("## Dependencies") && b.lang().equals("xml"))
        .forEach(b -> base.addAll(artifacts(b.text())));
    assertThat(base).as("the Dependencies section's block").isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Block java : blocks) {
      if (!java.lang().equals("java")) {
        continue;
      }
      Set<String> have = new TreeSet<>(base);
      blocks.stream()
          .filter(b -> b.section().equals(java.section()) && b.lang().equals("xml"))
          .forEach(b -> have.addAll(artifacts(b.text())));
      Matcher m = IMPORT.matcher(java.text());
      while (m.find()) {
        String name = m.group(1);
        Set<String> givers =
            GIVEN_BY.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(null);
        if (givers == null) {
          problems.add("README.md line " + java.line() + ": no artifact known for " + name);
        } else if (!givers.isEmpty() && givers.stream().noneMatch(have::contains)) {
          problems.add(
              "README.md line "
                  + java.line()
                  + " ("
                  + java.section()
                  + "): "
                  + name
                  + " needs one of "
                  + givers
                  + " in a dependency block of its section");
        }
      }
    }
    assertThat(problems).as("java blocks whose imports no dependency block gives").isEmpty();
  }

  private static Set<String> artifacts(String xml) {
    Set<String> out = new TreeSet<>();
    Matcher m = ARTIFACT.matcher(xml);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Block> blocks(List<String> lines) {
    List<Block> out = new ArrayList<>();
    String section = "";
    String lang = null;
    int start = 0;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String t = line.strip();
      if (lang == null && line.startsWith("## ")) {
        section = line;
      } else if (lang == null && t.startsWith("```") && t.length() > 3) {
        lang = t.substring(3);
        start = i + 1;
        text.setLength(0);
      } else if (lang != null && t.equals("```")) {
        out.add(new Block(section, lang, start, text.toString()));
        lang = null;
      } else if (lang != null) {
        text.append(t).append('\n');
      }
    }
    return out;
  }
}
