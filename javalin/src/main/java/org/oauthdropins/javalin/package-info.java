/**
 * The Javalin 7 adapter: {@link org.oauthdropins.javalin.JavalinDropins#mount} adds a site's start
 * and callback routes and its button image to a Javalin configuration in one call, and translates
 * Javalin's context to core's {@link org.oauthdropins.web} types. The login itself runs in core,
 * the same behind every adapter.
 */
package org.oauthdropins.javalin;
