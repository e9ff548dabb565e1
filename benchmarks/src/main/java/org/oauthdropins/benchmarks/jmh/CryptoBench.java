package org.oauthdropins.benchmarks.jmh;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Credentials;
import org.oauthdropins.Logins;
import org.oauthdropins.engine.oauth1.OAuth1Signer;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;
import org.oauthdropins.web.Cookie;
import org.oauthdropins.web.WebRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signatures on the hot path: an OAuth 1.0a HMAC-SHA1 request signature (RFC 5849), and the
 * logins cookie's MAC, written at every callback and checked at every {@code Logins.verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoBench {

  private final OAuth1Signer signer =
      new OAuth1Signer(new Credentials("consumer-key", "consumer-secret"), Clock.systemUTC());
  private final HttpCall call =
      HttpCall.get(
          URI.create("https://api.twitter.com/1.1/account/verify_credentials.json?skip_status=1"));

  private Logins logins;
  private AuthEntity auth;
  private WebRequest withCookie;
  private String authEntity;

  @Setup
  public void setUp() {
    Fixtures fixtures = new Fixtures(new MemoryStore());
    logins = Logins.withKeys(org.oauthdropins.keys.KeyRing.generate());
    auth = fixtures.loggedIn();
    Cookie cookie = logins.add(request(Map.of()), auth);
    withCookie = request(Map.of(cookie.name(), cookie.value()));
    authEntity = auth.key().urlsafe();
  }

  @Benchmark
  public HttpCall oauth1Sign() {
    return signer.sign(call, "token", "token-secret", Map.of());
  }

  @Benchmark
  public Cookie loginsCookieAdd() {
    return logins.add(withCookie, auth);
  }

  @Benchmark
  public Optional<Key> loginsCookieVerify() {
    return logins.verify(withCookie, authEntity);
  }

  private static WebRequest request(Map<String, String> cookies) {
    return new Fixtures.Request(
        URI.create(Fixtures.BASE + "/after"), "GET", Map.of(), Map.of(), cookies);
  }
}
