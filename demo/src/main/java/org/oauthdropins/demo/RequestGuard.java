package org.oauthdropins.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.servlet.ServletWeb;
import org.oauthdropins.web.WebResponse;

/**
 * In front of every path of the demo, its own pages as well as the library's: TRACE is refused
 * (Jetty would let {@code HttpServlet} echo the request, cookies and all), and a request whose URL
 * is not well-formed gets the library's plain 400 before a page of the demo reads it.
 */
final class RequestGuard implements Filter {

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    if ("TRACE".equals(req.getMethod())) {
      ServletWeb.refuse(resp, "GET, HEAD, POST");
      return;
    }
    try {
      ServletWeb.request(req);
    } catch (BadRequestException e) {
      ServletWeb.send(WebResponse.Page.text(400, e.getMessage() + "\n"), resp);
      return;
    }
    chain.doFilter(request, response);
  }
}
