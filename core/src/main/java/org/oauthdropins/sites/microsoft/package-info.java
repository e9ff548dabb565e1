/**
 * Sign in with Microsoft (Microsoft Entra ID, v2.0 endpoints): work, school and personal accounts
 * through OpenID Connect, with the tenant the app chooses. Multi-tenant issuers are checked against
 * each token's own tenant by the engine's {@link org.oauthdropins.engine.oidc.IssuerTemplate}.
 */
package org.oauthdropins.sites.microsoft;
