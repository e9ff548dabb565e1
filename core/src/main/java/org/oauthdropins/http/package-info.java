/**
 * Outbound HTTP: the small {@link org.oauthdropins.http.HttpTransport} interface every site and
 * engine calls providers through, and its default on the JDK's sockets ({@link
 * org.oauthdropins.http.JdkTransport}, one shared set of kept-alive connections, behind the SSRF
 * guard for addresses a user types, with the {@link org.oauthdropins.http.GuardPolicy} and {@link
 * org.oauthdropins.http.OutboundProxy} an app may choose). Tests swap the transport or point sites
 * at the testkit's fakes through {@link org.oauthdropins.SiteOptions}.
 */
package org.oauthdropins.http;
