/**
 * The Jakarta Servlet 6 adapter (Jetty 12, Tomcat 10+, Spring MVC): a site's start and callback as
 * servlets ({@link org.oauthdropins.servlet.DropinServlets#mount}), its button images ({@link
 * org.oauthdropins.servlet.ButtonServlet}), and {@link org.oauthdropins.servlet.ServletWeb}, which
 * translates between servlet requests and core's {@link org.oauthdropins.web} types.
 *
 * <p>It stays thin: everything a login does happens in core, the same behind every adapter.
 */
package org.oauthdropins.servlet;
