/**
 * The public API of oauth-dropins: what an app configures and what it gets back.
 *
 * <p>An app creates a {@link org.oauthdropins.Site} per provider (from a site package, e.g. {@code
 * GitHub.create(SiteOptions.defaults())}), tells the library its public {@link
 * org.oauthdropins.BaseUrl}, and mounts a {@link org.oauthdropins.Start} and a {@link
 * org.oauthdropins.Callback} per site through an adapter ({@link org.oauthdropins.Mount} is what
 * the adapters share). The callback stores the login in an {@link org.oauthdropins.store.AuthStore}
 * and hands it to a {@link org.oauthdropins.Finish}; the app reads it back as an {@link
 * org.oauthdropins.AuthEntity} by its {@link org.oauthdropins.store.Key}, after {@link
 * org.oauthdropins.Logins#verify} has shown that this browser made that login.
 *
 * <p>Errors are typed by whose fault they are, so that adapters answer alike: {@link
 * org.oauthdropins.errors.BadRequestException} (400), {@link
 * org.oauthdropins.errors.ProviderException} (502), {@link
 * org.oauthdropins.errors.StoreUnavailableException} (503). The package sees the web only through
 * {@link org.oauthdropins.web}, so it depends on no web framework.
 */
package org.oauthdropins;
