package org.oauthdropins;

import java.net.URI;
import java.util.List;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;

/**
 * What a site gets to begin a login.
 *
 * @param web the browser's request, for inputs such as an instance or handle; never a source of
 *     URLs (see {@link BaseUrl})
 * @param appUrl the app's public base URL, without a trailing slash: what a client id, client
 *     metadata or an app registration names as the app
 * @param callbackUrl the absolute callback URL of this site in the app
 * @param state the single-use nonce that must come back to the callback as {@code state}
 * @param scopes the scopes to ask for, in order, without duplicates
 * @param store the store, for app registrations
 * @param budget the time budget of this browser request, for every fetch the site makes: send
 *     through {@link #within}
 */
public record AuthorizeRequest(
    WebRequest web,
    URI appUrl,
    URI callbackUrl,
    String state,
    List<String> scopes,
    AuthStore store,
    FetchBudget budget) {

  /** Makes the value, checking its components. */
  public AuthorizeRequest {
    scopes = List.copyOf(scopes);
    budget = budget == null ? FetchBudget.NONE : budget;
  }

  /** A request without a time budget: each fetch has only its own time limit. */
  public AuthorizeRequest(
      WebRequest web,
      URI appUrl,
      URI callbackUrl,
      String state,
      List<String> scopes,
      AuthStore store) {
    this(web, appUrl, callbackUrl, state, scopes, store, FetchBudget.NONE);
  }

  /** The site's transport for this request: every call it sends is within {@link #budget}. */
  public HttpTransport within(HttpTransport transport) {
    return transport.within(budget);
  }
}
