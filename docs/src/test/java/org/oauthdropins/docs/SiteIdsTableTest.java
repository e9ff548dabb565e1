package org.oauthdropins.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.sites.Sites;

/**
 * The README's "Site ids" table, the first thing a newcomer needs (the id {@code google_signin},
 * not {@code google}), lists every shipped site by its id with its credential variables, and comes
 * before the first setup step.
 */
class SiteIdsTableTest {

  private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("README.md");

  @Test
  void theTableListsEveryShippedIdWithItsCredentialVariablesBeforeTheSetup() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int section = lines.indexOf("## Site ids");
    assertThat(section).as("a '## Site ids' section").isPositive();
    assertThat(section).isLessThan(lines.indexOf("## How a login works"));
    List<String> rows =
        lines.subList(section, lines.size()).stream()
            .dropWhile(l -> !l.startsWith("| id "))
            .skip(2)
            .takeWhile(l -> l.startsWith("|"))
            .toList();
    List<String> expected = Sites.ALL.stream().map(SiteIdsTableTest::row).toList();
    assertThat(rows).containsExactlyElementsOf(expected);
  }

  private static String row(SiteFactory f) {
    String credentials =
        f.idName() == null
            ? "none"
            : "`"
                + Credentials.envName(f.idName())
                + "`, `"
                + Credentials.envName(f.secretName())
                + "`";
    return "| `" + f.name() + "` | " + credentials + " |";
  }
}
