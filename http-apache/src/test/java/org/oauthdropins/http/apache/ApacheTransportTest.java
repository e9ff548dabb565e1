package org.oauthdropins.http.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.oauthdropins.http.GuardPolicy;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.Limits;
import org.oauthdropins.http.OutboundProxy;
import org.oauthdropins.http.UnsafeUrlException;

/** What is the candidate's own beyond the contracts: the guard a site gets for it. */
class ApacheTransportTest {

  @Test
  void sitesThatFetchUserUrlsGetTheStrictGuardOnTheSameClient() {
    try (ApacheTransport apache = new ApacheTransport(Limits.DEFAULT, OutboundProxy.NONE)) {
      GuardedTransport guard = GuardedTransport.of(apache);

      assertThat(guard).isSameAs(apache.guard());
      assertThat(guard.policy()).isEqualTo(GuardPolicy.STRICT);
      assertThat(guard.limits()).isEqualTo(apache.limits());
      assertThatThrownBy(() -> guard.send(HttpCall.get(URI.create("https://127.0.0.1/"))))
          .isInstanceOf(UnsafeUrlException.class)
          .hasMessageContaining("non-public");
    }
  }

  @Test
  void onlyHttpAndHttpsUrlsWithAHostAreFetched() {
    try (ApacheTransport apache = new ApacheTransport(Limits.DEFAULT, OutboundProxy.NONE)) {
      assertThatThrownBy(() -> apache.send(HttpCall.get(URI.create("file:///etc/passwd"))))
          .hasMessage("only http and https URLs with a host can be fetched");
    }
  }
}
