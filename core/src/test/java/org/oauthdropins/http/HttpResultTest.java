package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What requests and responses show of themselves in logs and errors (issue 14, finding 10). */
class HttpResultTest {

  @Test
  void toStringMasksTheQueryWhichMayCarryCodesAndTokens() {
    URI url = URI.create("https://as.example/cb?code=SECRET-CODE&access_token=SECRET-TOKEN#frag");
    HttpResult r = new HttpResult(302, url, Map.of("location", List.of("x")), new byte[3]);
    assertThat(r.toString())
        .doesNotContain("SECRET")
        .doesNotContain("frag")
        .contains("302")
        .contains("https://as.example/cb");
    assertThat(HttpCall.get(url).toString()).doesNotContain("SECRET").doesNotContain("frag");
  }

  @Test
  void toStringMasksAUserNameAndPasswordInTheUrl() {
    URI url = URI.create("https://user:SECRET-PASSWORD@as.example/x");
    assertThat(new HttpResult(200, url, Map.of(), new byte[0]).toString()).doesNotContain("SECRET");
    assertThat(HttpCall.get(url).toString()).doesNotContain("SECRET");
  }
}
