package org.oauthdropins.engine.miauth;

import java.util.Objects;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Button;
import org.oauthdropins.EntityFactory;

/**
 * A server software that users reach by naming their instance, as a site presents it: what the
 * MiAuth engine's {@link MiAuthSite.Flavor} and the Mastodon-API flavours ({@code
 * InstanceSite.Flavor}) have in common, so that neither repeats it and the fediverse site can run
 * any of them under its own name.
 *
 * @param name site name, e.g. {@code misskey}
 * @param kind entity kind, e.g. {@code MisskeyAuth}
 * @param label the software's name for messages, e.g. {@code Misskey}
 * @param button the login button
 * @param entity the entity type
 * @param <A> the entity type
 */
public record Software<A extends AuthEntity>(
    String name, String kind, String label, Button button, EntityFactory<A> entity) {

  /** Makes the value, checking its components. */
  public Software {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(button, "button");
    Objects.requireNonNull(entity, "entity");
  }

  /**
   * This software under another site's name, kind and button, as a site that serves several
   * softwares runs it (the fediverse site): its app registrations and logins are kept apart from
   * the per-software site's, whose callback URL differs.
   */
  public Software<A> as(String siteName, String siteKind, Button siteButton) {
    return new Software<>(siteName, siteKind, label, siteButton, entity);
  }
}
