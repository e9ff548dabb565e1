package org.oauthdropins.internal.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieHeaderTest {

  @Test
  void findsACookieAmongOthersAsBrowsersSendThem() {
    String header = "a=1; oauthdropins_browser=Hug-_x; oauthdropins_logins=886.vis7";
    assertThat(CookieHeader.value(header, "oauthdropins_browser")).isEqualTo("Hug-_x");
    assertThat(CookieHeader.value(header, "oauthdropins_logins")).isEqualTo("886.vis7");
    assertThat(CookieHeader.value(header, "a")).isEqualTo("1");
  }

  @Test
  void aNameMatchesWholeNotAsAPrefixOrSuffix() {
    String header = "xbrowser=1; browser_x=2; browser=3";
    assertThat(CookieHeader.value(header, "browser")).isEqualTo("3");
    assertThat(CookieHeader.value(header, "rowser")).isNull();
  }

  @Test
  void theFirstOfTwoCookiesOfOneNameWins() {
    // A browser sends the cookie of the longer path first (RFC 6265 §5.4): the servlet adapter
    // took the first of getCookies(), and still does.
    assertThat(CookieHeader.value("b=first; b=second", "b")).isEqualTo("first");
  }

  @Test
  void spacesAroundNamesAndValuesAndQuotesAroundAValueAreNotPartOfThem() {
    String header = "  a = 1 ;\tb=\"two\" ;c=\"\";d=\"";
    assertThat(CookieHeader.value(header, "a")).isEqualTo("1");
    assertThat(CookieHeader.value(header, "b")).isEqualTo("two");
    assertThat(CookieHeader.value(header, "c")).isEmpty();
    assertThat(CookieHeader.value(header, "d")).isEqualTo("\"");
  }

  @Test
  void aValueKeepsItsEqualsSigns() {
    assertThat(CookieHeader.value("k=YQ==; l=x=y", "k")).isEqualTo("YQ==");
    assertThat(CookieHeader.value("k=YQ==; l=x=y", "l")).isEqualTo("x=y");
  }

  @Test
  void malformedPairsAreSkippedNotFatal() {
    String header = ";;=v; novalue; =; a=1;";
    assertThat(CookieHeader.value(header, "a")).isEqualTo("1");
    assertThat(CookieHeader.value(header, "novalue")).isNull();
    assertThat(CookieHeader.value(header, "")).isNull();
    List<String> names = new ArrayList<>();
    CookieHeader.forEach(header, (n, v) -> names.add(n));
    assertThat(names).containsExactly("a");
  }

  @Test
  void noHeaderOrAnEmptyOneHasNoCookies() {
    assertThat(CookieHeader.value(null, "a")).isNull();
    assertThat(CookieHeader.value("", "a")).isNull();
    assertThat(CookieHeader.valueIn(null, "a")).isNull();
    assertThat(CookieHeader.valueIn(Collections.emptyEnumeration(), "a")).isNull();
  }

  @Test
  void cookiesSplitOverSeveralHeadersAreFoundInTheOrderSent() {
    assertThat(CookieHeader.valueIn(Collections.enumeration(List.of("a=1; b=2", "b=3; c=4")), "b"))
        .isEqualTo("2");
    assertThat(CookieHeader.valueIn(Collections.enumeration(List.of("a=1; b=2", "b=3; c=4")), "c"))
        .isEqualTo("4");
  }

  @Test
  void aVisitorThatAnswersFalseStopsTheWalk() {
    List<String> seen = new ArrayList<>();
    CookieHeader.forEach(
        "a=1; b=2; c=3",
        (n, v) -> {
          seen.add(n + "=" + v);
          return !n.equals("b");
        });
    assertThat(seen).containsExactly("a=1", "b=2");
  }
}
