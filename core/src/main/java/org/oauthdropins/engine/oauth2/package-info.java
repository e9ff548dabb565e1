/**
 * The OAuth 2.0 engine (RFC 6749): one pipeline, {@link org.oauthdropins.engine.oauth2.CodeFlowPipeline},
 * runs every OAuth 2 and OpenID Connect site, each described as a value ({@link
 * org.oauthdropins.engine.oauth2.OAuth2Spec}); {@link org.oauthdropins.engine.oauth2.OAuth2Site} and its builder
 * make a site of one. What differs between sites is a part the pipeline is given: where the server
 * comes from ({@link org.oauthdropins.engine.oauth2.ServerSource}), where the client comes from ({@link
 * org.oauthdropins.engine.oauth2.ClientSource}), which optional steps run ({@link
 * org.oauthdropins.engine.oauth2.Steps}: PKCE, nonce, {@code form_post}, PAR, DPoP) and who the user is
 * ({@link org.oauthdropins.engine.oauth2.Identity}).
 *
 * <p>It runs the authorization code flow with PKCE S256 (RFC 7636) where the provider accepts it,
 * RFC 9207 {@code iss} checks where the server declares them, client authentication by HTTP Basic
 * or in the body ({@link org.oauthdropins.engine.oauth2.ClientAuth}), the token request and its answer
 * ({@link org.oauthdropins.engine.oauth2.TokenClient}, {@link org.oauthdropins.engine.oauth2.TokenResponse}), the
 * profile request, and refresh. A protocol feature that two sites need is a builder setting here,
 * never code copied into both sites.
 *
 * <p>What a site does differently from the flow is one of a few named hooks, each a small interface
 * that says what it is: {@link org.oauthdropins.KeyId} (the stored key id), {@link
 * org.oauthdropins.engine.oauth2.ExtraData} (data stored beside the profile), {@link
 * org.oauthdropins.engine.oauth2.RequestSigner} (credentials on API calls), {@link
 * org.oauthdropins.engine.oauth2.TokenCheck} (refusing a token not meant for this app), {@link
 * org.oauthdropins.engine.oauth2.ScopeParams} (parameters a scope calls for) and {@link
 * org.oauthdropins.engine.oauth2.TokenLifecycle} (what happens after the code exchange and at refresh,
 * such as Meta's long-lived tokens in {@code org.oauthdropins.sites.meta}), {@link
 * org.oauthdropins.engine.oauth2.ClientSecret} (a client secret made when needed, Apple's signed JWT) and
 * {@link org.oauthdropins.engine.oauth2.CallbackProfile} (profile data sent once, in the callback itself,
 * as Apple's {@code user} field). A site whose answer comes as {@code response_mode=form_post} says
 * so with {@code formPostCallback(true)}.
 */
package org.oauthdropins.engine.oauth2;
