package org.oauthdropins.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
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

  /** Wraps a servlet request. */
  public static WebRequest request(HttpServletRequest req) {
    StringBuffer url = req.getRequestURL();
    if (req.getQueryString() != null) {
      url.append('?').append(req.getQueryString());
    }
    URI uri = URI.create(url.toString());
    return new WebRequest() {
      @Override
      public URI url() {
        return uri;
      }

      @Override
      public String contextPath() {
        return req.getContextPath();
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

      @Override
      public Optional<String> cookie(String name) {
        jakarta.servlet.http.Cookie[] cookies = req.getCookies();
        if (cookies == null) {
          return Optional.empty();
        }
        for (jakarta.servlet.http.Cookie c : cookies) {
          if (c.getName().equals(name)) {
            return Optional.of(c.getValue());
          }
        }
        return Optional.empty();
      }
    };
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
