/**
 * Not API: what the library's own packages share (mounting for the adapters, the pending-login
 * codec, parameter names, error pages, log text, random values). Types here are public only so that
 * the library's packages and adapters can reach them; they change without notice, and nothing in
 * the public API names them ({@code PublicApiTest} checks that). Apps use the packages outside
 * {@code org.oauthdropins.internal}.
 */
package org.oauthdropins.internal;
