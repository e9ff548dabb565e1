package org.oauthdropins.sites.indieauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oauthdropins.sites.indieauth.LinkHeader.Link;

/** RFC 8288 Link header parsing: what a profile site's headers can and cannot make us read. */
class LinkHeaderTest {

  private static final int MB = 1 << 20;

  /**
   * Inputs that make a backtracking parser quadratic or worse. The bound is minutes away from what
   * a linear parser needs (milliseconds) and what the old pattern {@code <([^>]*)>([^<]*)} needed
   * on the first one (minutes): it tells the complexity classes apart, it does not time anything.
   */
  static Stream<Arguments> hostileValues() {
    return Stream.of(
        Arguments.of("a run of <", (Supplier<String>) () -> "<".repeat(MB)),
        Arguments.of("< and spaces", (Supplier<String>) () -> "< ".repeat(MB / 2)),
        Arguments.of("a run of ;", (Supplier<String>) () -> "<a>" + ";".repeat(MB)),
        Arguments.of("an open quote", (Supplier<String>) () -> "<a>; rel=\"" + "x".repeat(MB)),
        Arguments.of("quotes", (Supplier<String>) () -> "<a>; t=" + "\"".repeat(MB)),
        Arguments.of("escapes", (Supplier<String>) () -> "<a>; t=\"" + "\\".repeat(MB)),
        Arguments.of("empty params", (Supplier<String>) () -> "<a>" + "; rel=".repeat(MB / 6)),
        Arguments.of("links", (Supplier<String>) () -> "<a>; rel=me, ".repeat(MB / 13)),
        Arguments.of("commas", (Supplier<String>) () -> ",".repeat(MB)),
        Arguments.of("spaces", (Supplier<String>) () -> "<a>" + " ".repeat(MB) + "x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileValues")
  void theParserIsLinearOnAMegabyteOfHostileInput(String name, Supplier<String> value) {
    String v = value.get();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LinkHeader.parse(v));
  }

  @Test
  void theParserReadsAtMostEightKibibytesOfAllLinkHeaders() {
    List<String> fields = new ArrayList<>(Collections.nCopies(200, "<".repeat(16 * 1024)));
    fields.add("<https://as.example/m>; rel=\"indieauth-metadata\"");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10), () -> assertThat(LinkHeader.parse(fields)).isEmpty());

    String full = " ".repeat(LinkHeader.MAX_CHARS);
    assertThat(
            LinkHeader.parse(List.of(full, "<https://as.example/m>; rel=\"indieauth-metadata\"")))
        .as("a link past the cap is ignored")
        .isEmpty();
    // The link-value the cap cuts is dropped whole, not read as a shorter rel.
    String link = "<https://a/>; rel=\"indieauth-metadata-x y\"";
    String cut = " ".repeat(LinkHeader.MAX_CHARS - link.indexOf("-x y")) + link;
    assertThat(cut.length()).isGreaterThan(LinkHeader.MAX_CHARS);
    assertThat(LinkHeader.parse(List.of(cut))).isEmpty();
    String pad = " ".repeat(LinkHeader.MAX_CHARS - 100);
    assertThat(LinkHeader.parse(List.of(pad, "<https://a/>; rel=me")))
        .containsExactly(new Link("https://a/", List.of("me")));
  }

  @Test
  void aLinkValueIsATargetInAngleBracketsThenParameters() {
    assertThat(
            LinkHeader.parse(
                "<https://as.example/.well-known/oauth-authorization-server>;"
                    + " rel=\"indieauth-metadata\""))
        .containsExactly(
            new Link(
                "https://as.example/.well-known/oauth-authorization-server",
                List.of("indieauth-metadata")));
    assertThat(LinkHeader.parse("</auth> ; rel = authorization_endpoint ; title=x"))
        .containsExactly(new Link("/auth", List.of("authorization_endpoint")));
    assertThat(LinkHeader.parse("<a>")).containsExactly(new Link("a", List.of()));
  }

  @Test
  void relHoldsSeveralSpaceSeparatedTypesComparedWithoutCase() {
    assertThat(LinkHeader.parse("</e>; REL=\"Authorization_Endpoint  token_endpoint\tme\""))
        .containsExactly(new Link("/e", List.of("authorization_endpoint", "token_endpoint", "me")));
  }

  @Test
  void commasSeparateLinkValuesButNotInsideQuotedStrings() {
    assertThat(LinkHeader.parse("<a>; rel=x, <b>; rel=\"y z\",<c>;rel=w"))
        .containsExactly(
            new Link("a", List.of("x")),
            new Link("b", List.of("y", "z")),
            new Link("c", List.of("w")));
    // A quoted title cannot smuggle in a second link.
    assertThat(LinkHeader.parse("<a>; title=\"x, <evil>; rel=indieauth-metadata\"; rel=me"))
        .containsExactly(new Link("a", List.of("me")));
    assertThat(LinkHeader.parse("<a>; title=\"say \\\"hi\\\"; rel=evil\"; rel=me"))
        .containsExactly(new Link("a", List.of("me")));
  }

  @Test
  void onlyTheFirstRelOfALinkCounts() {
    // RFC 8288 §3.3: occurrences after the first MUST be ignored.
    assertThat(LinkHeader.parse("<a>; rel=me; rel=indieauth-metadata"))
        .containsExactly(new Link("a", List.of("me")));
  }

  @Test
  void malformedPiecesAreSkippedWithoutLosingTheRest() {
    assertThat(LinkHeader.parse("<a>; rel=\"me")).containsExactly(new Link("a", List.of()));
    assertThat(LinkHeader.parse("junk <a>; rel=x")).containsExactly(new Link("a", List.of("x")));
    assertThat(LinkHeader.parse("<<<a>; rel=x")).containsExactly(new Link("a", List.of("x")));
    assertThat(LinkHeader.parse("<a; rel=x")).isEmpty();
    assertThat(LinkHeader.parse("<a>; rel=x <b>; rel=y"))
        .containsExactly(new Link("a", List.of("x")), new Link("b", List.of("y")));
    assertThat(LinkHeader.parse("")).isEmpty();
  }
}
