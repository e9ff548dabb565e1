package org.oauthdropins.internal.input;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * The request URL an adapter gives core ({@link org.oauthdropins.web.WebRequest#url()}), built from
 * the parts its framework reports. Containers pass on request targets that are not URLs ({@code
 * ?code=SECRET|x} in Jetty, {@code %zz} in Jetty and Tomcat); {@link URI#create} would throw an
 * exception whose message quotes the whole URL, code and all, into a 500 page and the log. Here
 * such a request is a plain 400 whose message names only the part that is wrong.
 */
public final class RequestUrl {

  private RequestUrl() {}

  /**
   * The URL of a request.
   *
   * @param address scheme, host, port and path, as the container reports them (a servlet's {@code
   *     getRequestURL()})
   * @param query the raw query string, or null for none
   * @throws BadRequestException if either part is not well-formed (RFC 3986); the message quotes
   *     neither
   */
  public static URI of(String address, String query) {
    String addressRefused = "the request's address is not a well-formed URL";
    if (query == null) {
      return parse(address, addressRefused);
    }
    URI whole = parseOrNull(address + "?" + query);
    if (whole != null) {
      return whole; // one parse for a good request; the parts are told apart only for a bad one
    }
    parse(address, addressRefused);
    throw new BadRequestException("the request's query string is not well-formed");
  }

  private static URI parse(String url, String refusal) {
    URI u = parseOrNull(url);
    if (u == null) {
      throw new BadRequestException(refusal);
    }
    return u;
  }

  private static URI parseOrNull(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      // Its message quotes the input: dropped, not chained, so no page or log line carries it.
      return null;
    }
  }

  /**
   * What an adapter answers a request with one of the library's handlers: the handler's answer, or
   * the plain-text 400 the handlers give every bad input when the request cannot even be wrapped
   * (its URL is not well-formed).
   *
   * @param request wraps the framework's request; may throw {@link BadRequestException}
   * @param handler a start, callback or document handler
   */
  public static WebResponse answer(
      Supplier<WebRequest> request, Function<WebRequest, ? extends WebResponse> handler) {
    WebRequest web;
    try {
      web = request.get();
    } catch (BadRequestException e) {
      return WebResponse.Page.text(400, e.getMessage() + "\n");
    }
    return handler.apply(web);
  }
}
