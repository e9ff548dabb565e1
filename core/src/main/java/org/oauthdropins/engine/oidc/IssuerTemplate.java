package org.oauthdropins.engine.oidc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An issuer identifier that names, in a placeholder, the tenant an ID token speaks for: a
 * multi-tenant provider signs every tenant's tokens with the same keys but gives each tenant its
 * own issuer, so no fixed list of issuers can be written down. Microsoft's {@code common} and
 * {@code organizations} authorities publish {@code
 * https://login.microsoftonline.com/{tenantid}/v2.0} as their issuer, and each ID token carries its
 * tenant in the {@code tid} claim.
 *
 * <p>A token matches when its {@code iss} is the template with the placeholder replaced by the
 * token's own {@link #claim}: the issuer and the tenant claim must agree, so a token that says it
 * comes from one tenant's issuer but carries another tenant's id is refused. The claim must be a
 * plain identifier (letters, digits, {@code -}, {@code .}), so that no value can reshape the URL
 * around it. A provider for one tenant also names that tenant's issuer, and a token must then pass
 * both checks. Which tenants an app lets in is the app's decision, made on the verified claim.
 *
 * @param template the issuer with the placeholder, e.g. {@code
 *     https://login.microsoftonline.com/{tenantid}/v2.0}
 * @param placeholder the text to replace, e.g. {@code {tenantid}}
 * @param claim the ID token claim that fills it, e.g. {@code tid}
 */
public record IssuerTemplate(String template, String placeholder, String claim) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,127}");

  /** Makes the value, checking that the template holds the placeholder once. */
  public IssuerTemplate {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(placeholder, "placeholder");
    Objects.requireNonNull(claim, "claim");
    int at = template.indexOf(placeholder);
    if (placeholder.isEmpty() || at < 0 || template.lastIndexOf(placeholder) != at) {
      throw new IllegalArgumentException(
          "issuer template must hold the placeholder " + placeholder + " once: " + template);
    }
  }

  /**
   * Whether an ID token's issuer is this template filled with the token's own claim.
   *
   * @param issuer the token's {@code iss}
   * @param value the token's {@link #claim}, or null if it has none
   */
  boolean matches(String issuer, Object value) {
    return issuer != null
        && value instanceof String s
        && IDENTIFIER.matcher(s).matches()
        && issuer.equals(template.replace(placeholder, s));
  }
}
