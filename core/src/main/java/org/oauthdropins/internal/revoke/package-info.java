/**
 * Sending a revocation request and reading its answer, shared by every engine that revokes (see
 * {@link org.oauthdropins.Revocation}); not API.
 */
package org.oauthdropins.internal.revoke;
