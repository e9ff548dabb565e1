/**
 * The framework-neutral request and response that core speaks, and each adapter translates.
 *
 * <p>{@link org.oauthdropins.web.WebRequest} is what the library reads of a request (method, URL,
 * parameters, headers, cookies, context path) and {@link org.oauthdropins.web.WebResponse} what it
 * answers (a redirect or a plain page, with {@link org.oauthdropins.web.Cookie}s). Keeping them
 * this small is what keeps the Servlet, Javalin and Spring Boot adapters thin.
 */
package org.oauthdropins.web;
