/**
 * The Spring Boot 4 starter: auto-configuration that mounts the sites configured under {@code
 * oauth-dropins.*} (through the servlet adapter), picks the store (the app's {@code DataSource},
 * the Datastore module, or the embedded default), and, when Spring Security is present, lets the
 * login paths through and can sign the user in ({@link org.oauthdropins.spring.DropinPrincipal}).
 *
 * <p>Beans of the app's own ({@code BaseUrl}, {@code AuthStore}, {@code Logins}, {@code Finish},
 * {@code Site}) take the place of the starter's.
 */
package org.oauthdropins.spring;
