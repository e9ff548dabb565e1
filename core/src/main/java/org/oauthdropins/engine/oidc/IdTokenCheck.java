package org.oauthdropins.engine.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import org.oauthdropins.engine.oauth2.TokenCheck;
import org.oauthdropins.engine.oauth2.TokenResponse;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;

/**
 * The OpenID Connect check of token answers: the code exchange's must carry an ID token that passes
 * {@link IdTokenVerifier#verify} with this login's nonce; a refresh's may carry one (Core §12.2:
 * "it might not contain an id_token"), which must then pass {@link IdTokenVerifier#verifyRefreshed}
 * against the claims the login stored.
 */
final class IdTokenCheck implements TokenCheck {

  private final String site;
  private final boolean nonce;
  private final IdTokenVerifier verifier;

  IdTokenCheck(String site, boolean nonce, IdTokenVerifier verifier) {
    this.site = site;
    this.nonce = nonce;
    this.verifier = verifier;
  }

  @Override
  public void check(TokenResponse token, String sent) {
    check(token, sent, FetchBudget.NONE);
  }

  @Override
  public void check(TokenResponse token, String sent, FetchBudget budget) {
    String idToken = Json.text(token.json(), Oidc.ID_TOKEN);
    if (idToken == null) {
      throw new ProviderException(site + " token response has no id_token");
    }
    if (nonce && sent == null) {
      throw new BadRequestException("this login was started without a nonce");
    }
    verifier.verify(idToken, nonce ? sent : null, budget);
  }

  /**
   * Compares a refreshed ID token with the login's claims, kept in {@code extra}. A login stored
   * without them (written by the Python library, which keeps the userinfo only) is compared by the
   * one claim it has, the userinfo's {@code sub}, which at login had to be the ID token's.
   */
  @Override
  public void checkRefresh(TokenResponse token, AuthRecord record) {
    String idToken = Json.text(token.json(), Oidc.ID_TOKEN);
    if (idToken == null) {
      return;
    }
    JsonNode original = parse(record.extraJson()).path(Oidc.ID_TOKEN);
    if (original.isObject()) {
      verifier.verifyRefreshed(idToken, original);
      return;
    }
    JsonNode claims = verifier.verify(idToken, null);
    String sub = Json.text(parse(record.userJson()), "sub");
    if (sub != null && !sub.equals(Json.text(claims, "sub"))) {
      throw IdTokenVerifier.anotherUser(site);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? Json.object() : Json.parse(json);
    } catch (IllegalArgumentException e) {
      return Json.object();
    }
  }
}
