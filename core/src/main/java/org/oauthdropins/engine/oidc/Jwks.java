package org.oauthdropins.engine.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.FetchBudget;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;

/**
 * A provider's signing keys, fetched through the site's transport and kept until a token names a
 * key they lack: providers rotate keys, so an unknown {@code kid} fetches the set again. Such
 * refetches happen at most once per {@link #MIN_REFETCH}, so that forged tokens cannot make us
 * hammer the provider.
 */
final class Jwks {

  static final Duration MIN_REFETCH = Duration.ofSeconds(30);

  private record Fetched(JWKSet keys, Instant at, boolean onMiss) {}

  private final String site;
  private final URI uri;
  private final HttpTransport transport;
  private final Clock clock;
  private final AtomicReference<Fetched> cache = new AtomicReference<>();

  Jwks(String site, URI uri, HttpTransport transport, Clock clock) {
    this.site = site;
    this.uri = uri;
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * The key that should have signed a token with this header.
   *
   * @throws ProviderException if the provider publishes no such key or cannot be reached
   */
  JWK key(JWSHeader header, FetchBudget budget) {
    Fetched now = cache.get();
    if (now != null) {
      Optional<JWK> k = find(now.keys(), header);
      if (k.isPresent()) {
        return k.get();
      }
      if (now.onMiss() && clock.instant().isBefore(now.at().plus(MIN_REFETCH))) {
        throw new ProviderException(site + " ID token is signed with an unknown key");
      }
    }
    // No lock across the network: two first logins may both fetch, which is harmless.
    Fetched fresh = new Fetched(fetch(budget), clock.instant(), now != null);
    cache.set(fresh);
    return find(fresh.keys(), header)
        .orElseThrow(() -> new ProviderException(site + " ID token is signed with an unknown key"));
  }

  private static Optional<JWK> find(JWKSet set, JWSHeader header) {
    JWSAlgorithm alg = header.getAlgorithm();
    KeyType type = KeyType.forAlgorithm(alg);
    List<JWK> candidates =
        set.getKeys().stream()
            .filter(k -> k.getKeyType().equals(type))
            // Some providers (LinkedIn) publish keys without "use"; an encryption key never signs.
            .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
            .filter(k -> k.getAlgorithm() == null || k.getAlgorithm().equals(alg))
            .filter(k -> header.getKeyID() == null || header.getKeyID().equals(k.getKeyID()))
            .toList();
    // Without a kid the key must be unambiguous.
    return candidates.size() == 1 || header.getKeyID() != null && !candidates.isEmpty()
        ? Optional.of(candidates.get(0))
        : Optional.empty();
  }

  private JWKSet fetch(FetchBudget budget) {
    HttpResult result;
    try {
      result =
          transport.within(budget).send(HttpCall.get(uri).header("Accept", "application/json"));
    } catch (IOException e) {
      throw ProviderException.unreachable(site + " signing keys endpoint", e);
    }
    if (!result.ok()) {
      throw new ProviderException(site + " signing keys answered HTTP " + result.status());
    }
    try {
      return JWKSet.parse(result.text());
    } catch (ParseException e) {
      throw new ProviderException(site + " signing keys are not a JWK set");
    }
  }
}
