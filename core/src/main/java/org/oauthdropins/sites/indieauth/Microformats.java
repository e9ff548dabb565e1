package org.oauthdropins.sites.indieauth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.oauthdropins.internal.http.Json;

/**
 * The little of microformats2 a login needs: the page's {@code rel=me} links and its representative
 * h-card (microformats.org/wiki/representative-h-card-parsing) with the {@code name}, {@code
 * photo}, {@code url} and {@code uid} properties, in mf2 JSON shape.
 */
final class Microformats {

  private static final List<String> PROPERTIES = List.of("name", "photo", "url", "uid");

  private Microformats() {}

  /** The absolute URLs of {@code rel=me} links, in document order, without duplicates. */
  static List<String> relMe(Document doc) {
    List<String> out = new ArrayList<>();
    for (Element e : doc.select("a[rel][href], link[rel][href]")) {
      if (hasToken(e.attr("rel"), "me")) {
        String url = e.absUrl("href");
        if (!url.isEmpty() && !out.contains(url)) {
          out.add(url);
        }
      }
    }
    return out;
  }

  /**
   * The representative h-card: one whose {@code uid} and {@code url} are the page URL; else one
   * whose {@code url} is a {@code rel=me} link; else the only h-card, if its {@code url} is the
   * page URL. Null if there is none.
   */
  static ObjectNode representativeHCard(Document doc, String pageUrl, List<String> relMe) {
    List<Map<String, List<String>>> cards = new ArrayList<>();
    for (Element e : doc.select(".h-card")) {
      if (!insideAnotherRoot(e)) {
        cards.add(properties(e));
      }
    }
    Map<String, List<String>> chosen = null;
    for (Map<String, List<String>> c : cards) {
      if (c.get("uid").contains(pageUrl) && c.get("url").contains(pageUrl)) {
        chosen = c;
        break;
      }
    }
    if (chosen == null) {
      for (Map<String, List<String>> c : cards) {
        if (c.get("url").stream().anyMatch(relMe::contains)) {
          chosen = c;
          break;
        }
      }
    }
    if (chosen == null && cards.size() == 1 && cards.get(0).get("url").contains(pageUrl)) {
      chosen = cards.get(0);
    }
    if (chosen == null) {
      return null;
    }
    ObjectNode card = Json.object();
    card.putArray("type").add("h-card");
    ObjectNode props = card.putObject("properties");
    chosen.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            ArrayNode a = props.putArray(k);
            v.forEach(a::add);
          }
        });
    return card;
  }

  private static boolean insideAnotherRoot(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      if (isRoot(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRoot(Element e) {
    for (String c : e.classNames()) {
      if (c.startsWith("h-")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, List<String>> properties(Element root) {
    Map<String, List<String>> props = new LinkedHashMap<>();
    PROPERTIES.forEach(p -> props.put(p, new ArrayList<>()));
    collect(root, props);
    if (props.get("name").isEmpty()) {
      String implied = root.tagName().equals("img") ? root.attr("alt") : root.text().strip();
      if (!implied.isEmpty()) {
        props.get("name").add(implied);
      }
    }
    if (props.get("photo").isEmpty()) {
      List<Element> imgs = root.select("img[src]");
      if (imgs.size() == 1) {
        props.get("photo").add(imgs.get(0).absUrl("src"));
      }
    }
    if (props.get("url").isEmpty()) {
      List<Element> links = root.select("a[href]");
      if (root.tagName().equals("a") && root.hasAttr("href")) {
        props.get("url").add(root.absUrl("href"));
      } else if (links.size() == 1) {
        props.get("url").add(links.get(0).absUrl("href"));
      }
    }
    return props;
  }

  /** Collects the root's own properties, not those of microformats nested in it. */
  private static void collect(Element parent, Map<String, List<String>> props) {
    for (Element e : parent.children()) {
      for (String c : e.classNames()) {
        String prop = c.length() > 2 ? c.substring(2) : "";
        if (!PROPERTIES.contains(prop)) {
          continue;
        }
        String value = c.startsWith("p-") ? plain(e) : c.startsWith("u-") ? url(e) : null;
        if (value != null && !value.isEmpty()) {
          props.get(prop).add(value);
        }
      }
      if (!isRoot(e)) {
        collect(e, props);
      }
    }
  }

  private static String plain(Element e) {
    switch (e.tagName()) {
      case "img":
      case "area":
        return e.attr("alt").strip();
      case "abbr":
      case "link":
        return e.hasAttr("title") ? e.attr("title").strip() : e.text().strip();
      default:
        return e.text().strip();
    }
  }

  private static String url(Element e) {
    String attr =
        switch (e.tagName()) {
          case "a", "area", "link" -> "href";
          case "img", "audio", "video", "source" -> "src";
          case "object" -> "data";
          default -> null;
        };
    if (attr != null && e.hasAttr(attr)) {
      return e.absUrl(attr);
    }
    return e.text().strip();
  }

  private static boolean hasToken(String list, String token) {
    for (String t : list.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (t.equals(token)) {
        return true;
      }
    }
    return false;
  }
}
