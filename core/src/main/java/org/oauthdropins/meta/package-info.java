/**
 * What Meta's logins share (the Instagram and Threads sites): Meta's token conventions and the
 * long-lived token exchange and renewal, as one builder both sites start from.
 */
package org.oauthdropins.meta;
