package org.oauthdropins.sites.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.BaseUrl;
import org.oauthdropins.Finish;
import org.oauthdropins.LogCapture;
import org.oauthdropins.Req;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.WebResponse;

/** The password form answers its errors as every login handler does: logged, plain, no secret. */
class PasswordLoginTest {

  private final PasswordLogin form =
      new PasswordLogin(
          Bluesky.builder(SiteOptions.defaults()).build(),
          BaseUrl.loopback(),
          new MemoryStore(),
          Finish.redirectTo("/after"),
          null);

  @Test
  void aRefusedPasswordLoginIsLoggedLikeEveryOtherLoginError() {
    WebResponse[] answer = new WebResponse[1];
    String log =
        LogCapture.logged(
            () ->
                answer[0] =
                    form.handle(
                        Req.post(
                            "http://127.0.0.1/bluesky/password",
                            Map.of("username", "not a handle", "password", "app-pass-s3cret"))));

    assertThat(answer[0].status()).isEqualTo(400);
    assertThat(((WebResponse.Page) answer[0]).body())
        .contains("doesn't look like a Bluesky handle");
    assertThat(log)
        .contains("bluesky login refused (400)", "doesn't look like a Bluesky handle")
        .doesNotContain("app-pass-s3cret");
  }
}
