/**
 * The build-time half of the oauth-dropins Quarkus extension: its build steps. Apps never depend on
 * it; Quarkus finds it from the runtime artifact's extension descriptor.
 */
package org.oauthdropins.quarkus.deployment;
