package org.oauthdropins.store;

import java.time.Instant;
import java.util.Objects;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * What the store keeps for one logged-in user at one site. Site-specific data lives in the two JSON
 * documents, so that every store persists every site without knowing it.
 *
 * @param key the entity key
 * @param site the site name, e.g. {@code github}
 * @param token the access token, or null where a site issues none
 * @param refreshToken the refresh token, or null
 * @param expiresAt when the access token expires, or null if unknown or never
 * @param userJson the user's profile as the site returned it (a JSON document)
 * @param extraJson other site-specific data (a JSON object; {@code {}} when there is none)
 * @param created when the entity was first stored, or null before that
 * @param updated when the entity was last stored, or null before that
 */
public record AuthRecord(
    Key key,
    String site,
    AccessToken token,
    String refreshToken,
    Instant expiresAt,
    String userJson,
    String extraJson,
    Instant created,
    Instant updated) {

  /** Makes the value, checking its components. */
  public AuthRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(site, "site");
    userJson = userJson == null ? "{}" : userJson;
    extraJson = extraJson == null ? "{}" : extraJson;
  }

  /** A record that has not been stored yet. */
  public static AuthRecord of(
      Key key,
      String site,
      AccessToken token,
      String refreshToken,
      Instant expiresAt,
      String userJson,
      String extraJson) {
    return new AuthRecord(
        key, site, token, refreshToken, expiresAt, userJson, extraJson, null, null);
  }

  /** This record with new token values, as after a refresh. */
  public AuthRecord withTokens(AccessToken token, String refreshToken, Instant expiresAt) {
    return new AuthRecord(
        key, site, token, refreshToken, expiresAt, userJson, extraJson, created, updated);
  }

  /** This record with another site-specific JSON object, e.g. one more field an engine adds. */
  public AuthRecord withExtraJson(String extraJson) {
    return new AuthRecord(
        key, site, token, refreshToken, expiresAt, userJson, extraJson, created, updated);
  }

  /** This record with the times a store gave it. */
  public AuthRecord withTimes(Instant created, Instant updated) {
    return new AuthRecord(
        key, site, token, refreshToken, expiresAt, userJson, extraJson, created, updated);
  }

  /**
   * Whether this record holds the same access and refresh tokens as another: the test of whether a
   * refresh happened in between, since each refresh issues a new access token.
   */
  public boolean sameTokensAs(AuthRecord other) {
    return Objects.equals(token, other.token) && Objects.equals(refreshToken, other.refreshToken);
  }

  /**
   * This record as a JSON document that is safe to show a person, as a demo or an admin page does:
   * every token, token secret and refresh token, and every credential inside the profile and extra
   * data (page tokens, ID tokens, a private DPoP key, session JWTs), is shortened to its first four
   * characters and its length. The field names are the Python library's.
   */
  public String redacted() {
    return Redaction.of(this);
  }

  @Override
  public String toString() {
    return "AuthRecord[key="
        + key
        + ", site="
        + site
        + ", token="
        + token
        + ", refreshToken="
        + Secrets.mask(refreshToken)
        + ", expiresAt="
        + expiresAt
        + ", created="
        + created
        + ", updated="
        + updated
        + "]";
  }
}
