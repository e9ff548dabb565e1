package org.oauthdropins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the JDBC store logs of a database failure: the detail, minus the values it quotes. */
class JdbcStoreLogTest {

  @Test
  void quotedAndKeyValuesAreBlankedInTheLoggedDetail() {
    String h2 =
        "Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_A ON PUBLIC.OAUTH_AUTH(KIND,"
            + " ID) VALUES ( /* 1 */ 'GitHubAuth', 'gho_secret123' )\"; SQL statement:\n"
            + "INSERT INTO oauth_auth VALUES (?, ?)";
    String postgres =
        "ERROR: duplicate key value violates unique constraint \"oauth_auth_pkey\"\n"
            + "  Detail: Key (kind, id)=(GitHubAuth, octocat) already exists.";

    assertThat(Database.scrub(h2))
        .doesNotContain("gho_secret123")
        .contains("Unique index or primary key violation", "'?'")
        .doesNotContain("\n");
    assertThat(Database.scrub(postgres))
        .doesNotContain("octocat")
        .contains("duplicate key value", "=(?)")
        .doesNotContain("\n");
    assertThat(Database.scrub(null)).isEmpty();
  }

  @Test
  void aValueThatATruncatedMessageLeavesOpenOrARowWithoutQuotesIsBlankedToo() {
    String truncated = "Value too long for column: VALUES ( 'GitHubAuth', 'gho_secret123...";
    String failingRow =
        "ERROR: null value in column \"site\" violates not-null constraint\n"
            + "  Detail: Failing row contains (GitHubAuth, octocat, gho_secret123, null).";
    String cutRow = "  Detail: Key (kind, id)=(GitHubAuth, gho_secret1";

    assertThat(Database.scrub(truncated)).doesNotContain("gho_secret123").endsWith("'?'");
    assertThat(Database.scrub(failingRow))
        .doesNotContain("gho_secret123")
        .doesNotContain("octocat")
        .contains("Failing row contains (?)");
    assertThat(Database.scrub(cutRow)).doesNotContain("gho_secret1");
  }
}
