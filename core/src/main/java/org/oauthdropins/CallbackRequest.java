package org.oauthdropins;

import java.util.Map;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.PendingData;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.web.WebRequest;

/**
 * What a site gets to finish a login. The state has already been checked.
 *
 * @param web the browser's request to the callback, with the provider's parameters
 * @param redirectUri the callback URL that the authorization request used
 * @param data what {@link Authorization#data()} asked to keep
 * @param store the store, for app registrations
 * @param budget the time budget of this browser request, for every fetch the site makes: send
 *     through {@link #within}
 */
public record CallbackRequest(
    WebRequest web,
    String redirectUri,
    Map<String, String> data,
    AuthStore store,
    FetchBudget budget) {

  /** Makes the value, checking its components. */
  public CallbackRequest {
    data = Map.copyOf(data);
    budget = budget == null ? FetchBudget.NONE : budget;
  }

  /** A request without a time budget: each fetch has only its own time limit. */
  public CallbackRequest(
      WebRequest web, String redirectUri, Map<String, String> data, AuthStore store) {
    this(web, redirectUri, data, store, FetchBudget.NONE);
  }

  /** The site's transport for this request: every call it sends is within {@link #budget}. */
  public HttpTransport within(HttpTransport transport) {
    return transport.within(budget);
  }

  /** The engine's pending-login record, as {@link Authorization#of} kept it. */
  public <R extends Record> R data(Class<R> type) {
    return PendingData.read(type, data);
  }

  @Override
  public String toString() {
    // The data holds secrets (PKCE verifier, request-token secret, DPoP key): names only.
    return "CallbackRequest[redirectUri=" + redirectUri + ", data=" + data.keySet() + "]";
  }
}
