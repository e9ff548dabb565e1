package org.oauthdropins.sites.discord;

import java.math.BigInteger;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A Discord login. The key id is the user's id (a snowflake); {@link #userJson()} is {@code GET
 * /users/@me}; {@link #refreshToken()} renews the week-long access token.
 */
public final class DiscordAuth extends AuthEntity {

  /** Where Discord serves avatars (docs: Reference, "Image Formatting", "CDN Endpoints"). */
  static final String CDN = "https://cdn.discordapp.com";

  DiscordAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /**
   * The user's avatar on Discord's CDN, built from the profile's {@code avatar} hash as the docs'
   * "Image Formatting" says: {@code avatars/<user id>/<hash>.png}, {@code .gif} for an animated one
   * (a hash starting {@code a_}); a user without one has a default avatar, {@code
   * embed/avatars/<index>.png}, whose index is {@code (id >> 22) % 6} for a user on the new
   * username system (discriminator {@code 0}) and the discriminator modulo 5 for a legacy one.
   */
  @Override
  public String imageUrl() {
    String id = Json.text(userJson(), "id");
    if (id == null || !id.matches("[0-9]{1,20}")) {
      return null;
    }
    String hash = Json.text(userJson(), "avatar");
    if (hash != null && hash.matches("(a_)?[0-9a-f]{1,64}")) {
      return CDN + "/avatars/" + id + "/" + hash + (hash.startsWith("a_") ? ".gif" : ".png");
    }
    String discriminator = Json.text(userJson(), "discriminator");
    int index =
        discriminator == null || !discriminator.matches("[1-9][0-9]{0,3}")
            ? new BigInteger(id).shiftRight(22).mod(BigInteger.valueOf(6)).intValue()
            : Integer.parseInt(discriminator) % 5;
    return CDN + "/embed/avatars/" + index + ".png";
  }

  /** The user's email address, present only when the login asked for the {@code email} scope. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /** Whether Discord has verified {@link #email()}. */
  public boolean emailVerified() {
    return userJson().path("verified").asBoolean(false);
  }
}
