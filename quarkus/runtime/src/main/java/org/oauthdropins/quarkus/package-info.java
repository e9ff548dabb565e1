/**
 * The Quarkus extension: the sites configured under {@code oauth-dropins.*} in {@code
 * application.properties}, mounted on the app's Vert.x router, with a store from the app's
 * datasource or an embedded one. Inject {@link org.oauthdropins.quarkus.DropinSites} to render the
 * buttons and load logins.
 */
package org.oauthdropins.quarkus;
