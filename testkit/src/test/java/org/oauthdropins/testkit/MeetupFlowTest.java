package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.meetup.Meetup;
import org.oauthdropins.sites.meetup.MeetupAuth;

/** The whole Meetup login over loopback HTTP, against the fake Meetup. */
class MeetupFlowTest extends AbstractRefreshingFlowTest<FakeMeetup, MeetupAuth> {

  MeetupFlowTest() {
    super(FakeMeetup::new, Meetup::create, "123456789");
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.post(fake.url() + "/gql-ext", Map.of("query", "query { self { id } }"));
  }

  @Test
  void approveStoresTheMemberFromGraphQl() {
    fake.registerCallback(app.url("/meetup"));
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-meetup-client")
        .doesNotContainKeys("scope", "code_challenge");

    AuthEntity auth = approve("my-state");

    assertThat(auth).isInstanceOf(MeetupAuth.class);
    assertThat(auth.userDisplayName()).isEqualTo("Cool Developer");
    assertThat(auth.imageUrl())
        .isEqualTo("https://secure.meetupstatic.com/photos/member/thumb_512345678.jpeg");
    assertThat(auth.refreshToken()).startsWith("ref_");
    assertThat(auth.record().expiresAt()).isNotNull();
  }

  @Test
  void aCallbackOutsideTheRegisteredPathIsRefusedWithoutRedirect() {
    fake.registerCallback(app.url("/other"));
    Browser.Page page = start("s", null);
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.url().getPath()).isEqualTo("/oauth2/authorize");
    assertThat(page.body()).contains("redirect_uri");
  }

  @Test
  void redirectRuleFollowsMeetupsDocs() {
    URI registered = URI.create("http://example.com/path");
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com/path"))).isTrue();
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com/path/subdir/other")))
        .isTrue();
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com/bar"))).isFalse();
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com/"))).isFalse();
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com:8080/path")))
        .isFalse();
    assertThat(FakeMeetup.matches(registered, URI.create("http://example.com/pathology")))
        .isFalse();
  }

  @Test
  void unreachableGraphQlEndpointIs502() {
    Browser.Page done =
        loginWith(Meetup.create(fake.options().withBase("api", fake.url() + "/nowhere")));
    assertThat(done.status()).isEqualTo(502);
    assertThat(done.body()).contains("meetup profile request answered HTTP 404");
  }
}
