package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Entity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.sites.wordpress.WordPress;
import org.oauthdropins.store.AuthRecord;

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
      Map<String, PropType> properties) {

    /** The properties the Python model declares: the only ones a Python save keeps. */
    Set<String> declared() {
      return MODELS.getOrDefault(kind, Map.of()).keySet();
    }

    /** The properties the Python model requires: a Python save of the entity fails without them. */
    List<String> required() {
      return MODELS.getOrDefault(kind, Map.of()).entrySet().stream()
          .filter(e -> e.getValue().contains("required"))
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
  }

  /**
   * Every Python model's declared properties and their flags (type, {@code required}, {@code
   * unindexed}), as the Python library (commit 89cb9ae) declares them; the test data holds the list
   * the Python models print ({@code models.txt}), and a test checks that this copy matches it.
   */
  static final String MODELS_TEXT =
      """
      BlueskyAuth: created:DateTime, dpop_token:Text(unindexed), password:String, pds_url:String, session:Json(unindexed), updated:DateTime, user_json:Text(required,unindexed)
      DisqusAuth: access_token_str:String(required), auth_code:String(required), created:DateTime, updated:DateTime, user_json:Text(required,unindexed)
      DropboxAuth: access_token_str:String(required), created:DateTime, updated:DateTime
      FacebookAuth: access_token_str:String(required), auth_code:String, created:DateTime, pages_json:Text(unindexed), type:String, updated:DateTime, user_json:Text(required,unindexed)
      FlickrAuth: created:DateTime, token_key:String(required), token_secret:String(required), updated:DateTime, user_json:Text(required,unindexed)
      GitHubAuth: access_token_str:String(required), created:DateTime, updated:DateTime, user_json:Text(unindexed)
      GoogleUser: created:DateTime, token_json:Text(unindexed), updated:DateTime, user_json:Text(unindexed)
      InstagramAuth: access_token_str:String(required), auth_code:String(required), created:DateTime, updated:DateTime, user_json:Text(required,unindexed)
      LinkedInAuth: access_token_str:Text(required,unindexed), created:DateTime, updated:DateTime, user_json:Text(unindexed)
      MastodonApp: app_name:String, app_url:String, created_at:DateTime(required), data:Text(required,unindexed), instance:String(required), instance_info:Text(unindexed)
      MastodonAuth: access_token_str:String(required), app:Key, created:DateTime, updated:DateTime, user_json:Text(unindexed)
      MeetupAuth: access_token_str:String(required), created:DateTime, updated:DateTime, user_json:Text(required,unindexed)
      PixelfedApp: app_name:String, app_url:String, created_at:DateTime(required), data:Text(required,unindexed), instance:String(required), instance_info:Text(unindexed)
      PixelfedAuth: access_token_str:String(required), app:Key, created:DateTime, updated:DateTime, user_json:Text(unindexed)
      RedditAuth: created:DateTime, refresh_token:String(required), updated:DateTime, user_json:Text(unindexed)
      ThreadsAuth: created:DateTime, token_json:Text(required,unindexed), updated:DateTime, user_json:Text(required,unindexed)
      TwitterAuth: created:DateTime, token_key:String(required), token_secret:String(required), updated:DateTime, user_json:Text(required,unindexed)
      TwitterOAuth2: created:DateTime, token_json:Text(required,unindexed), updated:DateTime, user_json:Text(required,unindexed)
      WordPressAuth: access_token_str:String(required), blog_id:String(required), blog_url:String(required), created:DateTime, updated:DateTime, user_json:Text(unindexed)
      """;

  /**
   * {@link #MODELS_TEXT} by kind: property name to its type and flags, e.g. {@code
   * Text(unindexed)}.
   */
  static final Map<String, Map<String, String>> MODELS = parseModels(MODELS_TEXT);

  static Map<String, Map<String, String>> parseModels(String text) {
    Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String kind = line.substring(0, line.indexOf(':')).replaceAll(" \\(.*\\)", "").strip();
      Map<String, String> props = new java.util.LinkedHashMap<>();
      for (String p : line.substring(line.indexOf(':') + 1).split(",(?![^(]*\\))")) {
        String[] nameType = p.strip().split(":", 2);
        props.put(nameType[0], nameType[1]);
      }
      out.put(kind, Map.copyOf(props));
    }
    return Map.copyOf(out);
  }

  /** Whether Python declares a property of this kind unindexed. */
  static boolean unindexed(Layout layout, String property) {
    return MODELS
        .getOrDefault(layout.kind(), Map.of())
        .getOrDefault(property, "")
        .contains("unindexed");
  }

  /**
   * The properties where Python keeps tokens: a Python save that changes any of them is a new grant
   * (see {@code EntityMapper#guard}).
   */
  static final List<String> TOKEN_PROPERTIES =
      List.of(
          "access_token_str",
          "token_key",
          "token_secret",
          "token_json",
          "refresh_token",
          "session",
          "dpop_token");

  static final String BLUESKY = "BlueskyAuth";

  /**
   * How to find the Python library's entity of the same user under the key Python gave it, for a
   * kind whose Java key differs from Python's: a name its owner may give up and someone else take
   * (the security issue), or another of the site's ids (Dropbox's legacy {@code uid}). A user who
   * logged in through a Python app and then through a Java app would otherwise have two entities;
   * the Java login is written over the Python one's properties instead (its first-login time, what
   * Python declared and Java does not map), and the Python entity itself stays.
   *
   * @param oldName the Python key name for a Java login, from what the login stored; null if it has
   *     none
   * @param sameUser whether the Python entity under that name is this login's user: never taken on
   *     the name alone, since a name may have passed to someone else
   */
  record MovedKey(Function<AuthRecord, String> oldName, BiPredicate<Entity, AuthRecord> sameUser) {

    /**
     * A kind whose Python key is a name in the profile and whose two profiles, Python's {@code
     * user_json} and Java's, both hold the same immutable id.
     *
     * @param namePointer the JSON Pointer of the name Python keyed by
     * @param id the immutable id of a profile, or null if it has none
     */
    static MovedKey byProfile(String namePointer, Function<JsonNode, String> id) {
      return new MovedKey(
          r -> Json.textAt(Json.parse(r.userJson()), namePointer),
          (old, r) -> {
            String oldJson = EntityMapper.text(old, EntityMapper.USER_JSON);
            String mine = id.apply(Json.parse(r.userJson()));
            try {
              return oldJson != null && mine != null && mine.equals(id.apply(Json.parse(oldJson)));
            } catch (IllegalArgumentException e) {
              return false;
            }
          });
    }

    /** {@link #byProfile(String, Function)} with the id at a JSON Pointer. */
    static MovedKey byProfile(String namePointer, String idPointer) {
      return byProfile(namePointer, user -> Json.textAt(user, idPointer));
    }
  }

  static final Map<String, MovedKey> MOVED_KEYS =
      Map.of(
          // GitHub's node id: the GraphQL viewer both libraries store has it.
          "GitHubAuth",
          MovedKey.byProfile("/login", "/id"),
          "TwitterAuth",
          MovedKey.byProfile("/screen_name", "/id_str"),
          // Both libraries store the whole /2/users/me answer, {"data": {...}}.
          "TwitterOAuth2",
          MovedKey.byProfile("/data/username", "/data/id"),
          "InstagramAuth",
          MovedKey.byProfile("/username", "/id"),
          "RedditAuth",
          MovedKey.byProfile("/name", "/id"),
          // Both store user/info's {"user": {...}}; the primary blog's uuid is Java's key.
          "TumblrAuth",
          MovedKey.byProfile("/user/name", PythonKinds::primaryBlogUuid),
          // Python keys by the blog's host and declares the blog's id as a property of its own.
          "WordPressAuth",
          new MovedKey(
              r -> WordPress.host(Json.text(Json.parse(r.extraJson()), "blog_url")),
              (old, r) -> r.key().id().equals(EntityMapper.text(old, "blog_id"))),
          // Python keys by the token answer's legacy uid, which the Java login keeps in extra: the
          // same Dropbox answer named both ids, and a uid is never another account's, so the
          // entity under it is this account's. Python stores no profile to compare.
          "DropboxAuth",
          new MovedKey(r -> Json.text(Json.parse(r.extraJson()), "uid"), (old, r) -> true));

  /** The uuid of the blog that Tumblr's {@code user/info} marks primary, or null. */
  static String primaryBlogUuid(JsonNode info) {
    for (JsonNode blog : info.path("user").path("blogs")) {
      if (blog.path("primary").asBoolean(false)) {
        return Json.text(blog, "uuid");
      }
    }
    return null;
  }

  /**
   * Java's own data for a login whose Python model has no property for it (a Reddit access token, a
   * Dropbox refresh token and profile, an expiry): one entity per login, named {@code <kind> <id>},
   * beside the Python entity so that a Python save cannot wipe it. It carries a digest of the
   * Python entity's tokens as of its write; see {@code EntityMapper#guard}.
   */
  static final String SIDECAR_KIND = "OAuthDropinsJavaAuth";

  /** Python's form of an instance, {@code https://host/}; Java's has no trailing slash. */
  static String pythonInstance(String instance) {
    return instance.endsWith("/") ? instance : instance + "/";
  }

  /** Java's form of an instance, {@code https://host}. */
  static String javaInstance(String instance) {
    return instance.endsWith("/") ? instance.substring(0, instance.length() - 1) : instance;
  }

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

  /**
   * Kinds laid out above that the Python library no longer has (Medium, Blogger: deleted there,
   * sites.md): no Python app reads them, so they are sealed like Java's own.
   */
  static final Set<String> GONE_FROM_PYTHON = Set.of("MediumAuth", "BloggerV2Auth");

  /**
   * The sites whose logins and registrations a Python app sharing the Datastore reads: their
   * secrets stay as Python writes them unless the app opts in to sealing them ({@code
   * DatastoreStore#sealingPythonKinds}). Every other site's are Java's alone, and always sealed.
   */
  static final Set<String> PYTHON_SITES =
      AUTH_KINDS.stream()
          .filter(l -> !GONE_FROM_PYTHON.contains(l.kind()))
          .map(Layout::site)
          .collect(Collectors.toUnmodifiableSet());

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
   * Callback states once used, until they would have expired ({@code LoginStore#putSpendingState}):
   * Java's own, named by the state's id; swept as they expire.
   */
  static final String SPENT_STATE_KIND = "OAuthDropinsSpentState";

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
