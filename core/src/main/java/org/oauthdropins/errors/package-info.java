/**
 * Why a login cannot go on: the sealed {@link org.oauthdropins.errors.LoginException} and its three
 * outcomes, each one HTTP status ({@link org.oauthdropins.errors.BadRequestException} 400, {@link
 * org.oauthdropins.errors.ProviderException} 502, {@link
 * org.oauthdropins.errors.StoreUnavailableException} 503), and the provider's {@link
 * org.oauthdropins.errors.OAuthError} a ProviderException carries.
 *
 * <p>A package of its own, below the API, so that the store and the engines can throw them without
 * importing the API package (which imports them): it needs only the web edge and the OAuth
 * parameter names.
 */
package org.oauthdropins.errors;
