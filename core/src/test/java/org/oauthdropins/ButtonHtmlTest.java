package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The button form with each of the Python library's {@code button_html(...)} options, read back as
 * a browser parses it: every option lands where Python puts it, and every value but the app's own
 * markup is escaped.
 */
class ButtonHtmlTest {

  private static final String EVIL = "\"><script>alert(1)</script><b x='";

  /** A site that only shows its button. */
  private record Shown(String name, Button button) implements TestSite {
    @Override
    public String kind() {
      return "ShownAuth";
    }

    @Override
    public AuthEntity entity(
        org.oauthdropins.store.AuthRecord r, org.oauthdropins.store.AuthStore s) {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.oauthdropins.http.HttpCall sign(
        org.oauthdropins.http.HttpCall call, org.oauthdropins.store.AuthRecord r) {
      return call;
    }
  }

  /** A site without a text input. */
  private final Site<?> plain = new Shown("plain", Button.of("Sign in with Stub", "#000", "#fff"));

  /** A site that asks for a handle, as Bluesky does. */
  private final Site<?> handle =
      new Shown(
          "sky", new Button("Sign in with Sky", "#1185fe", "#ffffff", "handle", "Sky handle"));

  private static Document parse(String html) {
    return Jsoup.parseBodyFragment(html);
  }

  @Test
  void theDefaultsAreAPostFormWithTheSitesImageAndNothingElse() {
    String html = ButtonHtml.of("/plain/start", "/oauth_dropins/").render(plain);
    Document d = parse(html);
    assertThat(d.body().children()).hasSize(1);
    Element form = d.selectFirst("body > form");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/plain/start");
    assertThat(form.classNames()).containsExactly("oauth-dropins-button");
    Element image = form.selectFirst("input[type=image]");
    assertThat(image.attr("src")).isEqualTo("/oauth_dropins/plain.svg");
    assertThat(image.attr("alt")).isEqualTo("Sign in with Stub");
    assertThat(image.hasAttr("style")).isFalse();
    assertThat(form.select("input[name=scope]")).isEmpty();
  }

  @Test
  void eachPythonOptionLandsWherePythonPutsIt() {
    String html =
        ButtonHtml.of("/plain/start", "/static/")
            .formClasses("big wide")
            .outerClasses("col-md-3 col-sm-4")
            .formExtra("<input type=\"hidden\" name=\"state\" value=\"s1\">")
            .imageFile("plain_2x.png")
            .inputStyle("background-color: #EEEEEE; padding: 10px")
            .scopes("repo,gist")
            .render(plain);
    Document d = parse(html);
    Element outer = d.selectFirst("body > div");
    assertThat(outer.classNames()).containsExactly("col-md-3", "col-sm-4");
    Element form = outer.selectFirst("> form");
    assertThat(form.classNames()).containsExactly("oauth-dropins-button", "big", "wide");
    assertThat(form.selectFirst("input[name=state]").val()).isEqualTo("s1");
    Element image = form.selectFirst("input[type=image]");
    assertThat(image.attr("src")).isEqualTo("/static/plain_2x.png");
    assertThat(image.attr("style")).isEqualTo("background-color: #EEEEEE; padding: 10px");
    Element scope = form.selectFirst("input[name=scope]");
    assertThat(scope.attr("type")).isEqualTo("hidden");
    assertThat(scope.val()).isEqualTo("repo,gist");
  }

  @Test
  void anImageFileWithAPathOrAUrlOfItsOwnIgnoresThePrefix() {
    ButtonHtml b = ButtonHtml.of("/plain/start", "/static/");
    assertThat(src(b.imageFile("/img/x.svg").render(plain))).isEqualTo("/img/x.svg");
    assertThat(src(b.imageFile("https://cdn.example/x.png").render(plain)))
        .isEqualTo("https://cdn.example/x.png");
    assertThat(src(b.imageFile("x.svg").render(plain))).isEqualTo("/static/x.svg");
  }

  private static String src(String html) {
    return parse(html).selectFirst("input[type=image]").attr("src");
  }

  @Test
  void aSiteThatAsksForAHandleGetsATextInputAndAKnownUserRidesHidden() {
    ButtonHtml b = ButtonHtml.of("/sky/start", "/oauth_dropins/");
    Element typed = parse(b.render(handle)).selectFirst("input[name=handle]");
    assertThat(typed.attr("type")).isEqualTo("text");
    assertThat(typed.hasAttr("required")).isTrue();
    assertThat(typed.attr("placeholder")).isEqualTo("Sky handle");

    Document known = parse(b.knownUser("alice.example").render(handle));
    assertThat(known.select("input[name=handle]")).hasSize(1);
    Element hidden = known.selectFirst("input[name=handle]");
    assertThat(hidden.attr("type")).isEqualTo("hidden");
    assertThat(hidden.val()).isEqualTo("alice.example");
    assertThat(known.selectFirst("input[type=image]").attr("title"))
        .isEqualTo("Sign in with Sky as alice.example");
  }

  @Test
  void aKnownUserForASiteThatAsksForNothingIsAProgrammingError() {
    ButtonHtml b = ButtonHtml.of("/plain/start", "/oauth_dropins/").knownUser("alice");
    assertThatThrownBy(() -> b.render(plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain");
  }

  @Test
  void everyValueButTheAppsOwnMarkupIsEscaped() {
    String html =
        new ButtonHtml(
                "/sky/start" + EVIL,
                "/p/" + EVIL,
                "c" + EVIL,
                "o" + EVIL,
                "<i>trusted</i>",
                "f" + EVIL,
                "color:red" + EVIL,
                "s" + EVIL,
                "v" + EVIL,
                "")
            .render(handle);
    Document d = parse(html);
    assertThat(d.select("script")).isEmpty();
    assertThat(d.select("b")).isEmpty();
    assertThat(d.select("i")).hasSize(1);
    assertThat(d.selectFirst("div").className()).isEqualTo("o" + EVIL);
    Element form = d.selectFirst("form");
    assertThat(form.attr("action")).isEqualTo("/sky/start" + EVIL);
    assertThat(form.className()).isEqualTo("oauth-dropins-button c" + EVIL);
    Element image = form.selectFirst("input[type=image]");
    assertThat(image.attr("src")).isEqualTo("/p/" + EVIL + "f" + EVIL);
    assertThat(image.attr("style")).isEqualTo("color:red" + EVIL);
    assertThat(form.selectFirst("input[name=scope]").val()).isEqualTo("s" + EVIL);
    assertThat(form.selectFirst("input[name=handle]").val()).isEqualTo("v" + EVIL);

    Element known =
        parse(ButtonHtml.of("/sky/start", "/p/").knownUser("k" + EVIL).render(handle))
            .selectFirst("input[name=handle]");
    assertThat(known.val()).isEqualTo("k" + EVIL);
  }

  @Test
  void aButtonImageDrawsItsOutlineAndItsMark() {
    String mark =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\">"
            + "<circle cx=\"12\" cy=\"12\" r=\"10\" fill=\"#4285f4\"/></svg>";
    Button b = Button.of("Sign in with G", "#ffffff", "#1f1f1f").withBorder("#747775");
    Document plainSvg = Jsoup.parse(b.svg(), "", org.jsoup.parser.Parser.xmlParser());
    assertThat(plainSvg.selectFirst("rect").attr("stroke")).isEqualTo("#747775");
    assertThat(plainSvg.select("svg svg")).isEmpty();

    Document marked = Jsoup.parse(b.withMark(mark).svg(), "", org.jsoup.parser.Parser.xmlParser());
    Element nested = marked.selectFirst("svg > svg");
    assertThat(nested.attr("viewBox")).isEqualTo("0 0 24 24");
    assertThat(Integer.parseInt(nested.attr("width"))).isPositive();
    assertThat(nested.selectFirst("circle").attr("fill")).isEqualTo("#4285f4");
    double textX = Double.parseDouble(marked.selectFirst("text").attr("x"));
    assertThat(textX)
        .as("the label sits right of the mark")
        .isGreaterThan(
            Double.parseDouble(nested.attr("x")) + Double.parseDouble(nested.attr("width")));
    assertThatThrownBy(() -> b.withMark("<b>not svg</b>"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
