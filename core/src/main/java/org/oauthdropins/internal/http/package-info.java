/**
 * Not API: the SSRF guard and its HTTP/1.1 exchange, the size and time limits every fetch obeys,
 * and the JSON and form helpers. The transport interface apps implement or configure is in {@code
 * org.oauthdropins.http}.
 */
package org.oauthdropins.internal.http;
