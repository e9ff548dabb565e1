package org.oauthdropins.sites.salesforce;

import org.oauthdropins.Site;
import org.oauthdropins.engine.oidc.OidcAuth;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Salesforce login. The key id is {@code ORG_ID/USER_ID}; {@link #userName()} is the Salesforce
 * username ({@code preferred_username}); {@link #userJson()} is the userinfo response.
 */
public final class SalesforceAuth extends OidcAuth {

  SalesforceAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's org id ({@code organization_id}). */
  public String organizationId() {
    return Json.text(userJson(), "organization_id");
  }

  /**
   * The org's REST API URL from the userinfo's {@code urls.rest}, with {@code {version}} still in
   * it for the caller to fill (e.g. {@code
   * https://MYDOMAIN.my.salesforce.com/services/data/v{version}/}), or null.
   */
  public String restUrl() {
    return Json.text(userJson().path("urls"), "rest");
  }
}
