/**
 * The keys that seal secrets at rest and the logins cookie: a {@link org.oauthdropins.keys.KeyRing}
 * of AES-256-GCM keys with ids (one seals, all open, so keys rotate without downtime) and the
 * {@link org.oauthdropins.keys.KeySource} it comes from (configuration, a file beside the embedded
 * database, or a key management service).
 */
package org.oauthdropins.keys;
