/**
 * The MiAuth engine of Misskey and its forks: a browser round trip to {@code /miauth/<session>},
 * then one unauthenticated check of the session for the token and the user.
 */
package org.oauthdropins.engine.miauth;
