/**
 * Outbound HTTP: the small {@link org.oauthdropins.http.HttpTransport} interface every site and
 * engine calls providers through, its default on {@code java.net.http} ({@link
 * org.oauthdropins.http.JdkTransport}, one shared client), and the SSRF guard ({@link
 * org.oauthdropins.http.GuardedTransport}) for addresses a user types.
 *
 * <p>Also here: the size and time {@link org.oauthdropins.http.Limits} every fetch obeys, including
 * one time budget per browser request, and the JSON and form helpers ({@link
 * org.oauthdropins.http.Json}, {@link org.oauthdropins.http.Form}). Tests swap the transport or
 * point sites at the testkit's fakes through {@link org.oauthdropins.SiteOptions}.
 */
package org.oauthdropins.http;
