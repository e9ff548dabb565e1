package org.oauthdropins.sites.indieauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP {@code Link} headers (RFC 8288 §3), read by hand in one pass so that a hostile profile site
 * cannot make discovery slow: every character is looked at a bounded number of times, whatever the
 * input (the pattern this replaces, {@code <([^>]*)>([^<]*)}, was quadratic on a run of {@code <}).
 * The grammar:
 *
 * <pre>
 *   Link       = #link-value
 *   link-value = "&lt;" URI-Reference "&gt;" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 * </pre>
 *
 * Only {@code rel} is kept, as its space-separated relation types, lower-cased (§2.1.1 compares
 * them without case); a second {@code rel} on one link is ignored (§3.3). Malformed pieces are
 * skipped rather than fatal, as browsers do, and a quoted string can hide neither a comma nor a
 * link.
 */
final class LinkHeader {

  /**
   * At most this many characters of all a response's Link headers are read; the rest is ignored.
   * Discovery needs one or two links; the transport admits far more header bytes than that.
   */
  static final int MAX_CHARS = 8 * 1024;

  /**
   * One link-value.
   *
   * @param target the URI reference between the angle brackets, not resolved
   * @param rels its relation types, lower-cased, in order; empty without a {@code rel}
   */
  record Link(String target, List<String> rels) {}

  private LinkHeader() {}

  /**
   * The links in a response's Link header fields, in order, from their first {@link #MAX_CHARS}
   * characters. A link-value that the cap cuts is dropped, never read as a shorter one.
   */
  static List<Link> parse(List<String> fields) {
    List<Link> out = new ArrayList<>();
    int budget = MAX_CHARS;
    for (String f : fields) {
      if (budget <= 0) {
        break;
      }
      boolean cut = f.length() > budget;
      new Reader(cut ? f.substring(0, budget) : f, cut).links(out);
      budget -= f.length();
    }
    return out;
  }

  /** The links in one Link header field value, however long. */
  static List<Link> parse(String field) {
    List<Link> out = new ArrayList<>();
    new Reader(field, false).links(out);
    return out;
  }

  /** A cursor over one field value; {@code at} only ever moves forward. */
  private static final class Reader {
    private final String s;
    private final boolean cut;
    private int at;

    Reader(String s, boolean cut) {
      this.s = s;
      this.cut = cut;
    }

    void links(List<Link> out) {
      while (true) {
        // Between link-values: commas, spaces, and anything malformed up to the next '<'.
        while (at < s.length() && s.charAt(at) != '<') {
          at++;
        }
        if (at >= s.length()) {
          return;
        }
        String target = target();
        if (target == null) {
          return; // no '>' anywhere after: nothing more can be a link
        }
        List<String> rels = params();
        // Ended by the end of a value that the cap cut: this link may be missing its tail.
        boolean complete = !(cut && at >= s.length());
        if (complete) {
          out.add(new Link(target.strip(), rels));
        }
      }
    }

    /** From a '<': the text up to '>'. A '<' on the way starts the target afresh. */
    private String target() {
      int start = ++at;
      while (at < s.length()) {
        char c = s.charAt(at);
        if (c == '>') {
          at++;
          return s.substring(start, at - 1);
        }
        if (c == '<') {
          start = at + 1;
        }
        at++;
      }
      return null;
    }

    /**
     * The parameters after a target, up to the ',' or '<' that starts the next link (not consumed)
     * or the end; returns the first {@code rel}'s types.
     */
    private List<String> params() {
      List<String> rels = null;
      while (at < s.length()) {
        char c = s.charAt(at);
        if (c == ',' || c == '<') {
          break;
        }
        if (c != ';') {
          at++; // whitespace, or stray text before the next ';'
          continue;
        }
        at++;
        spaces();
        String name = token();
        spaces();
        String value = null;
        if (at < s.length() && s.charAt(at) == '=') {
          at++;
          spaces();
          value = at < s.length() && s.charAt(at) == '"' ? quoted() : token();
        }
        if (rels == null && name.equalsIgnoreCase("rel") && value != null) {
          rels = types(value);
        }
      }
      return rels == null ? List.of() : rels;
    }

    private void spaces() {
      while (at < s.length() && space(s.charAt(at))) {
        at++;
      }
    }

    /** Up to a delimiter; possibly empty. Not RFC 9110's strict tchar set: leniency is harmless. */
    private String token() {
      int start = at;
      while (at < s.length() && "=;,<\"".indexOf(s.charAt(at)) < 0 && !space(s.charAt(at))) {
        at++;
      }
      return s.substring(start, at);
    }

    /** From a '"': the unescaped content, or null if the string never closes. */
    private String quoted() {
      StringBuilder b = new StringBuilder();
      at++;
      while (at < s.length()) {
        char c = s.charAt(at++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\' && at < s.length()) {
          c = s.charAt(at++);
        }
        b.append(c);
      }
      return null;
    }

    private static boolean space(char c) {
      return c == ' ' || c == '\t';
    }

    /** A rel value's space-separated types, lower-cased. */
    private static List<String> types(String value) {
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < value.length()) {
        while (i < value.length() && Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        int start = i;
        while (i < value.length() && !Character.isWhitespace(value.charAt(i))) {
          i++;
        }
        if (i > start) {
          out.add(value.substring(start, i).toLowerCase(Locale.ROOT));
        }
      }
      return List.copyOf(out);
    }
  }
}
