package org.oauthdropins.engine.oauth1;

import java.net.URI;
import java.util.Map;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A login at an OAuth 1.0a site. Every request it sends is signed with the app's consumer secret
 * and the user's token secret; form bodies are signed along, as RFC 5849 §3.4.1.3.1 says, so there
 * is no need to move POST parameters into the URL.
 */
public class OAuth1Auth extends AuthEntity {

  /** Wraps a stored login; for the sites' subclasses. */
  protected OAuth1Auth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The access token key and secret. */
  @Override
  public AccessToken.OAuth1 accessToken() {
    return (AccessToken.OAuth1) super.accessToken();
  }

  /** A signed POST of a form. */
  public HttpResult postForm(String url, Map<String, String> form) {
    return send(HttpCall.postForm(URI.create(url), form));
  }
}
