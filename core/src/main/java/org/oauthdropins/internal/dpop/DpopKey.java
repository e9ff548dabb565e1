package org.oauthdropins.internal.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.oauthdropins.internal.secrets.Secrets;

/**
 * An ES256 key that proves possession of DPoP-bound tokens (RFC 9449). One key per login: it signs
 * every proof from the first pushed authorization request to the last API call, so it is stored
 * with the login. {@code toString()} never shows the private part.
 */
public final class DpopKey {

  /** The {@code typ} header of a proof. */
  public static final String TYPE = "dpop+jwt";

  private final ECKey key;
  private final ECDSASigner signer;

  private DpopKey(ECKey key) {
    if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
      throw new IllegalArgumentException("a DPoP key must be a private P-256 key");
    }
    this.key = key;
    try {
      this.signer = new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable DPoP key", e);
    }
  }

  /** A fresh P-256 key. */
  public static DpopKey generate() {
    try {
      return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  /**
   * Reads a key written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not a private P-256 JWK
   */
  public static DpopKey fromJson(String jwk) {
    try {
      return new DpopKey(ECKey.parse(jwk));
    } catch (ParseException e) {
      throw new IllegalArgumentException("not an EC JWK", e);
    }
  }

  /** The private JWK, to keep with the login. It is a secret. */
  public String toJson() {
    return key.toJSONString();
  }

  /** The public JWK, as it appears in every proof's header. */
  public String publicJson() {
    return key.toPublicJWK().toJSONString();
  }

  /**
   * The RFC 7638 SHA-256 thumbprint of the public key: the {@code jkt} a server binds tokens to.
   */
  public String thumbprint() {
    try {
      return key.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A proof for one request.
   *
   * @param method the HTTP method
   * @param uri the request URI; its query and fragment are left out of {@code htu}
   * @param nonce the server's latest {@code DPoP-Nonce}, or null if none is known yet
   * @param accessToken the access token the request presents, or null (then no {@code ath})
   * @param now the issue time
   * @return the compact JWS for the {@code DPoP} header
   */
  public String proof(String method, URI uri, String nonce, String accessToken, Instant now) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType(TYPE))
            .jwk(key.toPublicJWK())
            .build();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .jwtID(Secrets.random(16))
            .claim("htm", method)
            .claim("htu", htu(uri))
            .issueTime(Date.from(now));
    if (nonce != null) {
      claims.claim("nonce", nonce);
    }
    if (accessToken != null) {
      claims.claim("ath", ath(accessToken));
    }
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a DPoP proof", e);
    }
    return jwt.serialize();
  }

  /** The {@code htu} of a request URI: scheme, authority and path, without query or fragment. */
  public static String htu(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getScheme() + "://" + uri.getRawAuthority() + path;
  }

  /** The {@code ath} claim: base64url(SHA-256(ASCII(access token))), unpadded. */
  public static String ath(String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "DpopKey[" + thumbprint() + "]";
  }
}
