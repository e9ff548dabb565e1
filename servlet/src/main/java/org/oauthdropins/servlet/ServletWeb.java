package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.internal.input.CookieHeader;
import org.oauthdropins.internal.input.RequestUrl;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

/**
 * Translates between the Servlet API and core's {@link WebRequest}/{@link WebResponse}. The request
 * URL is the one the container reports; behind a proxy, configure the container to honour {@code
 * Forwarded}/{@code X-Forwarded-*} (Jetty's {@code ForwardedRequestCustomizer}, Tomcat's {@code
 * RemoteIpValve}, Spring Boot's {@code server.forward-headers-strategy}).
 */
public final class ServletWeb {

  private ServletWeb() {}

  /**
   * Wraps a servlet request. Its URL is built from the container's request URL and query string;
   * the context path is the servlet context's own, not the request's spelling of it (Tomcat reports
   * {@code /app;x=y} for a request to {@code /app;x=y/...}).
   *
   * @throws BadRequestException if the request's URL or query string is not well-formed (Jetty
   *     passes {@code ?code=x|y} on, Jetty and Tomcat {@code %zz}); the message quotes neither
   */
  public static WebRequest request(HttpServletRequest req) {
    URI uri = RequestUrl.of(req.getRequestURL().toString(), req.getQueryString());
    String contextPath = req.getServletContext().getContextPath();
    return new WebRequest() {
      @Override
      public URI url() {
        return uri;
      }

      @Override
      public String contextPath() {
        return contextPath;
      }

      @Override
      public String method() {
        return req.getMethod();
      }

      @Override
      public Optional<String> header(String name) {
        return Optional.ofNullable(req.getHeader(name));
      }

      @Override
      public Optional<String> parameter(String name) {
        return Optional.ofNullable(req.getParameter(name));
      }

      /**
       * Read from the header, not {@code getCookies()}: the container would parse every cookie of
       * the header into objects first (see {@link CookieHeader}).
       */
      @Override
      public Optional<String> cookie(String name) {
        return Optional.ofNullable(CookieHeader.valueIn(req.getHeaders("Cookie"), name));
      }
    };
  }

  /**
   * Serves a request with one of the library's handlers: the request as core sees it, the handler's
   * answer written; a request whose URL is not well-formed gets a plain-text 400 instead, the way
   * the handlers answer every bad input.
   */
  public static void handle(
      HttpServletRequest req,
      HttpServletResponse resp,
      Function<WebRequest, ? extends WebResponse> handler)
      throws IOException {
    send(RequestUrl.answer(() -> request(req), handler), resp);
  }

  /**
   * Refuses a method with a plain-text 405 and the {@code Allow} header. The library's servlets
   * answer TRACE with it: {@code HttpServlet} would echo the request's headers, cookies included,
   * and Jetty passes TRACE on to it (Tomcat refuses it itself unless {@code allowTrace} is set).
   *
   * @param allow the methods the path takes, e.g. {@code GET, POST}
   */
  public static void refuse(HttpServletResponse resp, String allow) throws IOException {
    resp.setHeader("Allow", allow);
    send(WebResponse.Page.text(405, "method not allowed\n"), resp);
  }

  /**
   * Writes a response, with the headers every login response carries ({@link WebResponse#HEADERS}).
   */
  public static void send(WebResponse response, HttpServletResponse resp) throws IOException {
    for (Cookie c : response.cookies()) {
      resp.addHeader("Set-Cookie", c.headerValue());
    }
    WebResponse.HEADERS.forEach(resp::setHeader);
    if (response instanceof WebResponse.Redirect r) {
      resp.setStatus(302);
      resp.setHeader("Location", r.location());
      return;
    }
    WebResponse.Page page = (WebResponse.Page) response;
    resp.setStatus(page.status());
    resp.setContentType(page.contentType());
    resp.getWriter().write(page.body());
  }
}
