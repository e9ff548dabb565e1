package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.sites.strava.Strava;
import org.oauthdropins.sites.strava.StravaAuth;

/**
 * Strava's own side of the login against the fake Strava: the required scope {@code read}, scopes
 * joined by commas, the key (the athlete id), the name from first and last names. What every site
 * does is {@link SiteContractTest}'s.
 */
class StravaFlowTest extends AbstractRefreshingFlowTest<FakeStrava, StravaAuth> {

  StravaFlowTest() {
    super(FakeStrava::new, Strava::create, FakeStrava.ATHLETE_ID);
  }

  @Override
  HttpResult callApi(AuthEntity auth) {
    return auth.get(auth.apiUrl("/athlete"));
  }

  @Test
  void approveAsksForReadAndKeysTheLoginByTheAthleteId() {
    Map<String, String> authorize = authorizeParams(start("s", null));
    assertThat(authorize)
        .containsEntry("client_id", "fake-strava-client")
        .containsEntry("response_type", "code")
        .containsEntry("scope", "read")
        .containsKeys("state", "redirect_uri");

    StravaAuth auth = approve("my-state");

    assertThat(auth.keyId()).isEqualTo(FakeStrava.ATHLETE_ID);
    assertThat(auth.userId()).isEqualTo(FakeStrava.ATHLETE_ID);
    assertThat(auth.userDisplayName()).isEqualTo("Marianne Teutenberg");
    assertThat(auth.userName()).isEqualTo("marianne_t");
    assertThat(auth.imageUrl()).endsWith("/pictures/athletes/134815/large.jpg");
    assertThat(auth.apiUrl("/athlete").toString()).isEqualTo(fake.url() + "/api/v3/athlete");
  }

  @Test
  void extraScopesJoinReadWithACommaAsStravaRequires() {
    assertThat(authorizeParams(start("s", "activity:read")))
        .containsEntry("scope", "read,activity:read");
  }

  @Test
  void anAthleteWithoutNamesShowsTheUsernameThenTheId() {
    approve("s");
    ObjectNode nameless = ((ObjectNode) oauth().user()).deepCopy();
    nameless.putNull("firstname");
    nameless.putNull("lastname");
    oauth().user(nameless);
    assertThat(approve("again").userDisplayName()).isEqualTo("marianne_t");

    nameless.putNull("username");
    oauth().user(nameless);
    assertThat(approve("third").userDisplayName()).isEqualTo(FakeStrava.ATHLETE_ID);
  }
}
