package org.oauthdropins.sites.apple;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.ClientSecret;

/**
 * Apple's client secret: a JWT the app signs with ES256 and its Sign in with Apple key, with {@code
 * kid} = the key id, {@code iss} = the team id, {@code sub} = the services id (the client id),
 * {@code aud} = {@code https://appleid.apple.com}, and an {@code exp} at most six months after
 * {@code iat} (developer.apple.com, "Generate and validate tokens", "Creating the client secret").
 *
 * <p>Apple allows six months; this one lives {@link #LIFETIME}, so that a secret that leaks (a
 * proxy log, a heap dump) is soon worthless, and it is made again {@link #RENEW_BEFORE} its expiry,
 * so that no token request sends one about to expire. Between those, every request reuses the
 * cached one: signing costs a few hundred microseconds, a login should not.
 */
final class AppleClientSecret implements ClientSecret {

  /** How long a signed secret is valid. */
  static final Duration LIFETIME = Duration.ofMinutes(30);

  /** How long before its expiry a secret is replaced. */
  static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

  /** The audience Apple's token endpoint requires, whatever base URL it is reached at. */
  static final String AUDIENCE = "https://appleid.apple.com";

  private record Signed(String jwt, Instant renewAt) {}

  private final String teamId;
  private final String keyId;
  private final String clientId;
  private final ECDSASigner signer;
  private final Clock clock;
  private final AtomicReference<Signed> current = new AtomicReference<>();

  AppleClientSecret(AppleKey key, String clientId, Clock clock) {
    this.teamId = key.teamId();
    this.keyId = key.keyId();
    this.clientId = clientId;
    this.clock = clock;
    try {
      this.signer = new ECDSASigner(key.privateKey());
    } catch (JOSEException e) {
      throw new IllegalStateException("apple: the key is not a P-256 key", e);
    }
  }

  @Override
  public String current() {
    Instant now = clock.instant();
    Signed s = current.get();
    if (s == null || !now.isBefore(s.renewAt())) {
      // Two threads may both sign here; either secret is valid, so no lock is held for it.
      s = sign(now);
      current.set(s);
    }
    return s.jwt();
  }

  private Signed sign(Instant now) {
    Instant exp = now.plus(LIFETIME);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(teamId)
            .subject(clientId)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(exp))
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("apple: cannot sign the client secret", e);
    }
    return new Signed(jwt.serialize(), exp.minus(RENEW_BEFORE));
  }

  @Override
  public String toString() {
    return "AppleClientSecret[team=" + teamId + ", key=" + keyId + "]";
  }

  /**
   * The app's Sign in with Apple key.
   *
   * @param teamId the developer team's id, the secret's {@code iss}
   * @param keyId the key's id, the secret's {@code kid}
   * @param privateKey the P-256 key of the {@code .p8} file
   */
  record AppleKey(String teamId, String keyId, ECPrivateKey privateKey) {

    @Override
    public String toString() {
      return "AppleKey[team=" + teamId + ", key=" + keyId + "]";
    }

    /**
     * Reads the {@code .p8} file as Apple gives it (PKCS #8 in PEM). The team id and key id are
     * lines {@code team_id: ...} and {@code key_id: ...} above the PEM block (RFC 7468 §2 lets text
     * stand outside it), or else the credentials {@code apple_team_id} and {@code apple_key_id}.
     */
    static AppleKey parse(String p8) {
      String teamId = null;
      String keyId = null;
      StringBuilder base64 = new StringBuilder();
      boolean inKey = false;
      for (String raw : p8.split("\\R")) {
        String line = raw.strip();
        if (line.startsWith("-----BEGIN ")) {
          inKey = true;
        } else if (line.startsWith("-----END ")) {
          inKey = false;
        } else if (inKey) {
          base64.append(line);
        } else {
          String[] nameValue = line.split(":", 2);
          if (nameValue.length == 2) {
            String name = nameValue[0].strip().toLowerCase(Locale.ROOT);
            String value = nameValue[1].strip();
            if (name.equals("team_id")) {
              teamId = value;
            } else if (name.equals("key_id")) {
              keyId = value;
            }
          }
        }
      }
      if (teamId == null || keyId == null) {
        Credentials ids = Credentials.require("apple_team_id", "apple_key_id");
        teamId = ids.clientId();
        keyId = ids.clientSecret();
      }
      try {
        byte[] der = Base64.getMimeDecoder().decode(base64.toString());
        var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        if (!(key instanceof ECPrivateKey ec)) {
          throw new IllegalStateException("apple: apple_client_secret is not an EC key");
        }
        return new AppleKey(teamId, keyId, ec);
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new IllegalStateException(
            "apple: apple_client_secret must hold the .p8 key file (PKCS #8 PEM)", e);
      }
    }
  }
}
