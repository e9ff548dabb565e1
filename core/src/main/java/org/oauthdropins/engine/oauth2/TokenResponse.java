package org.oauthdropins.engine.oauth2;

import static org.oauthdropins.internal.OAuthParameters.ACCESS_TOKEN;
import static org.oauthdropins.internal.OAuthParameters.REFRESH_TOKEN;
import static org.oauthdropins.internal.OAuthParameters.SCOPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.errors.OAuthError;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.internal.OAuthParameters;
import org.oauthdropins.internal.http.Form;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;

/**
 * A successful token response (RFC 6749 §5.1).
 *
 * @param accessToken the access token
 * @param tokenType the token type, lower case, or null if the site sent none
 * @param expiresIn lifetime in seconds, or null
 * @param refreshToken the refresh token, or null
 * @param scope the granted scope as sent, or null
 * @param json every field of the response, for site-specific ones ({@code user_id}, {@code
 *     blog_id})
 */
public record TokenResponse(
    String accessToken,
    String tokenType,
    Long expiresIn,
    String refreshToken,
    String scope,
    JsonNode json) {

  /** Fields only a token response has (RFC 6749 §5.1). */
  private static final String TOKEN_TYPE = "token_type";

  private static final String EXPIRES_IN = "expires_in";

  /**
   * A stored login with this refresh answer's tokens. A site that sends no new refresh token leaves
   * the old one valid (RFC 6749 §6); one that sends a new one has retired the old (rotation, as
   * IndieAuth §5.5.1 and atproto require), so the new one replaces it.
   *
   * @param now the time the answer came, for the expiry
   */
  public AuthRecord refreshed(AuthRecord record, Instant now) {
    return refreshed(record, now, Duration.ZERO);
  }

  /**
   * {@link #refreshed(AuthRecord, Instant)} with the expiry set {@code margin} early, as {@link
   * #expiresAt} does.
   */
  public AuthRecord refreshed(AuthRecord record, Instant now, Duration margin) {
    return record.withTokens(
        new AccessToken.Bearer(accessToken),
        refreshToken != null ? refreshToken : record.refreshToken(),
        expiresAt(now, margin));
  }

  /**
   * When the token is to be treated as expired, or null if the site did not say.
   *
   * @param now the time the answer came
   * @param margin how much earlier than the site says, for a token that can be renewed only while
   *     it is valid; never more than half its life, so a fresh token is not already due
   */
  public Instant expiresAt(Instant now, Duration margin) {
    if (expiresIn == null) {
      return null;
    }
    Duration life = Duration.ofSeconds(expiresIn);
    Duration early = margin.compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : margin;
    return now.plus(life).minus(early);
  }

  /**
   * Reads a token endpoint's answer: JSON, or the form encoding GitHub and OAuth 1 sites use by
   * default. An {@code error} field fails even on a 200, as GitHub sends its errors that way.
   *
   * @param site the site name, for messages
   * @throws ProviderException if the answer is an error or is not a token response
   */
  public static TokenResponse parse(String site, HttpResult result) {
    JsonNode json = unwrap(body(site, result));
    Optional<OAuthError> error =
        OAuthError.of(
            Json.text(json, OAuthParameters.ERROR),
            Json.text(json, OAuthParameters.ERROR_DESCRIPTION),
            Json.text(json, OAuthParameters.ERROR_URI));
    if (error.isPresent()) {
      throw ProviderException.refused(site + " refused the token request", error.get());
    }
    if (!result.ok()) {
      throw new ProviderException(site + " token endpoint answered HTTP " + result.status());
    }
    String token = Json.text(json, ACCESS_TOKEN);
    if (token == null) {
      throw new ProviderException(site + " token response has no access_token");
    }
    String type = Json.text(json, TOKEN_TYPE);
    JsonNode expires = json.path(EXPIRES_IN);
    Long expiresIn = null;
    if (expires.canConvertToLong()
        || expires.isTextual() && expires.asText().matches("\\d{1,12}")) {
      expiresIn = expires.asLong();
    }
    return new TokenResponse(
        token,
        type == null ? null : type.toLowerCase(Locale.ROOT),
        expiresIn,
        Json.text(json, REFRESH_TOKEN),
        Json.text(json, SCOPE),
        json);
  }

  private static JsonNode body(String site, HttpResult result) {
    String text = result.text().strip();
    String type = result.header("content-type");
    if (text.startsWith("{") || type != null && type.contains("json")) {
      try {
        JsonNode node = Json.parse(text);
        if (node.isObject()) {
          return node;
        }
      } catch (IllegalArgumentException e) {
        // fall through to the error below
      }
    } else if (text.contains("=") && !text.contains("<")) {
      ObjectNode node = Json.object();
      try {
        for (Map.Entry<String, String> e : Form.decode(text).entrySet()) {
          node.put(e.getKey(), e.getValue());
        }
        return node;
      } catch (IllegalArgumentException e) {
        // a malformed % escape (found by fuzzing): not a token response, reported below
      }
    }
    throw new ProviderException(
        site
            + " token endpoint answered HTTP "
            + result.status()
            + " with something that is not a token response");
  }

  /**
   * Meta documents Instagram Login's token response as the token inside a one-element {@code data}
   * list, while the endpoint has also been seen answering flat; both are read.
   */
  private static JsonNode unwrap(JsonNode json) {
    JsonNode data = json.path("data");
    if (!json.has(ACCESS_TOKEN) && data.isArray() && data.size() == 1 && data.get(0).isObject()) {
      return data.get(0);
    }
    return json;
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken="
        + Secrets.mask(accessToken)
        + ", tokenType="
        + tokenType
        + ", expiresIn="
        + expiresIn
        + ", refreshToken="
        + Secrets.mask(refreshToken)
        + ", scope="
        + scope
        + "]";
  }
}
