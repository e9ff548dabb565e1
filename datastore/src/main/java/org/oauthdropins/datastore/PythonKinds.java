package org.oauthdropins.datastore;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the Python library oauth-dropins lays out each kind, so that a Java app reads and writes the
 * same entities (sites.md §1B, §3.5, §3.6). One row per kind: where the access token, the refresh
 * token and the site's own fields live. What a row does not name is kept in {@code java_*}
 * properties, which Python ignores.
 */
final class PythonKinds {

  /** Where a kind keeps its access token. */
  enum TokenStyle {
    /** A bearer token in {@code access_token_str}. */
    BEARER,
    /** An OAuth 1.0a pair in {@code token_key} and {@code token_secret}. */
    OAUTH1,
    /**
     * A JSON text {@code token_json} with {@code access_token}, {@code refresh_token} and {@code
     * expires_at} (epoch seconds).
     */
    TOKEN_JSON,
    /** The Python kind keeps no access token of its own. */
    NONE
  }

  /** The Datastore type of a site-specific Python property. */
  enum PropType {
    /** An indexed string (ndb StringProperty). */
    STRING,
    /** An unindexed string (ndb TextProperty). */
    TEXT,
    /** An unindexed string holding JSON (a TextProperty the Python code json-loads). */
    JSON,
    /** A key of another entity (ndb KeyProperty), as {@code Kind:id} in Java. */
    KEY
  }

  /**
   * One kind's layout.
   *
   * @param kind the entity kind
   * @param site the site name Java uses for it
   * @param token where the access token lives
   * @param refreshProperty where the refresh token lives, or null if Python keeps none
   * @param properties the site's other Python properties and their types
   */
  record Layout(
      String kind,
      String site,
      TokenStyle token,
      String refreshProperty,
      Map<String, PropType> properties) {}

  static final String ACCESS_TOKEN = "access_token_str";
  static final String TOKEN_KEY = "token_key";
  static final String TOKEN_SECRET = "token_secret";
  static final String TOKEN_JSON = "token_json";

  private static final TokenStyle B = TokenStyle.BEARER;
  private static final TokenStyle O1 = TokenStyle.OAUTH1;
  private static final TokenStyle TJ = TokenStyle.TOKEN_JSON;
  private static final TokenStyle NONE = TokenStyle.NONE;
  private static final PropType S = PropType.STRING;
  private static final PropType T = PropType.TEXT;
  private static final PropType J = PropType.JSON;
  private static final PropType K = PropType.KEY;

  /** The auth kinds. */
  static final List<Layout> AUTH_KINDS =
      List.of(
          new Layout("GitHubAuth", "github", B, null, Map.of()),
          new Layout(
              "BlueskyAuth",
              "bluesky",
              NONE,
              null,
              Map.of("password", S, "pds_url", S, "session", J, "dpop_token", J)),
          new Layout("DisqusAuth", "disqus", B, null, Map.of("auth_code", S)),
          new Layout("DropboxAuth", "dropbox", B, null, Map.of()),
          new Layout(
              "FacebookAuth",
              "facebook",
              B,
              null,
              Map.of("type", S, "auth_code", S, "pages_json", J)),
          new Layout("FlickrAuth", "flickr", O1, null, Map.of()),
          new Layout("GoogleUser", "google", TJ, TOKEN_JSON, Map.of()),
          new Layout("IndieAuth", "indieauth", B, "refresh_token_str", Map.of()),
          new Layout("InstagramAuth", "instagram", B, null, Map.of("auth_code", S)),
          new Layout("LinkedInAuth", "linkedin", B, null, Map.of()),
          new Layout("MastodonAuth", "mastodon", B, null, Map.of("app", K)),
          new Layout("MeetupAuth", "meetup", B, null, Map.of()),
          new Layout("PixelfedAuth", "pixelfed", B, null, Map.of("app", K)),
          new Layout("RedditAuth", "reddit", NONE, "refresh_token", Map.of()),
          new Layout("ThreadsAuth", "threads", TJ, TOKEN_JSON, Map.of()),
          new Layout("TumblrAuth", "tumblr", O1, null, Map.of()),
          new Layout("TwitterAuth", "twitter", O1, null, Map.of()),
          new Layout("TwitterOAuth2", "twitter_v2", TJ, TOKEN_JSON, Map.of()),
          new Layout("WordPressAuth", "wordpress", B, null, Map.of("blog_id", S, "blog_url", S)),
          new Layout("MediumAuth", "medium", B, null, Map.of("publications_json", J)),
          new Layout("BloggerV2Auth", "blogger", NONE, null, Map.of("creds_json", J)));

  /** Tokens that Python stores as unindexed text because they can be long (LinkedIn ~1k). */
  static final Set<String> TEXT_TOKEN_KINDS = Set.of("LinkedInAuth");

  /** App-registration kinds by site; other sites' registrations use {@link #GENERIC_APP_KIND}. */
  static final Map<String, String> APP_KINDS =
      Map.of("mastodon", "MastodonApp", "pixelfed", "PixelfedApp");

  /** Registrations of sites that Python has no kind for, e.g. the library's own cookie key. */
  static final String GENERIC_APP_KIND = "OAuthDropinsApp";

  /** Pending logins: Java's own, since Python's helper kinds differ per site and are not reused. */
  static final String PENDING_KIND = "OAuthDropinsPendingLogin";

  /**
   * Refresh leases ({@code AuthStore#leaseRefresh}): Java's own, one per auth entity that is being
   * refreshed, named {@code <kind> <id>}; Python ignores them.
   */
  static final String LEASE_KIND = "OAuthDropinsRefreshLease";

  private static final Map<String, Layout> BY_KIND =
      AUTH_KINDS.stream().collect(Collectors.toUnmodifiableMap(Layout::kind, Function.identity()));

  private PythonKinds() {}

  /** The layout of a kind; a kind Python does not know keeps everything in java_* properties. */
  static Layout layout(String kind) {
    Layout l = BY_KIND.get(kind);
    return l != null ? l : new Layout(kind, null, NONE, null, Map.of());
  }

  /**
   * The Datastore key name of an id. Datastore reserves names that start with {@code __}; Python
   * prefixes those with a backslash, and so do we. Ids that already start with {@code \__} get one
   * more, so that no two ids share a name.
   */
  static String escape(String id) {
    return id.startsWith("__") || id.startsWith("\\__") ? "\\" + id : id;
  }

  /** The id of a Datastore key name; undoes {@link #escape(String)}. */
  static String unescape(String name) {
    if (name.startsWith("\\")) {
      String rest = name.substring(1);
      if (rest.startsWith("__") || rest.startsWith("\\__")) {
        return rest;
      }
    }
    return name;
  }
}
