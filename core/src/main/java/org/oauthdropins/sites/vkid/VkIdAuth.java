package org.oauthdropins.sites.vkid;

import org.oauthdropins.AuthEntity;
import org.oauthdropins.Site;
import org.oauthdropins.engine.oauth2.CodeFlowPipeline;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * A VK ID login. The key id is the user's VK {@code user_id}; {@link #userJson()} is the {@code
 * user} of {@code POST /oauth2/user_info}; {@link #refreshToken()} renews the one-hour access token
 * with the login's {@link #deviceId()}.
 */
public final class VkIdAuth extends AuthEntity {

  VkIdAuth(Site<?> site, AuthRecord record, AuthStore store, HttpTransport transport) {
    super(site, record, store, transport);
  }

  /** The user's last name, or null when VK ID sent none. */
  public String lastName() {
    return Json.text(userJson(), "last_name");
  }

  /** The user's email address, or null unless the {@code email} scope was granted. */
  public String email() {
    return Json.text(userJson(), "email");
  }

  /**
   * The device VK ID made the login's code for, which its refresh, revocation and logout requests
   * send back.
   */
  public String deviceId() {
    return Json.text(extra(), CodeFlowPipeline.CALLBACK_PARAMS, VkId.DEVICE_ID);
  }
}
