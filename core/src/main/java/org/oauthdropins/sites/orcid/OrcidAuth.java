package org.oauthdropins.sites.orcid;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * An ORCID login. The key id is the user's ORCID iD; {@link #userJson()} is the iD and name the
 * token answer gave; {@link #orcidUrl()} is the iD as ORCID asks apps to show it.
 */
public final class OrcidAuth extends AuthEntity {

  OrcidAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The iD as a URL ({@code https://orcid.org/0000-...}), the form ORCID's display guidelines ask
   * apps to show and link.
   */
  public String orcidUrl() {
    return "https://orcid.org/" + keyId();
  }
}
