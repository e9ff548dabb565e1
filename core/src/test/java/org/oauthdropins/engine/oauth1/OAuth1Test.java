package org.oauthdropins.engine.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Credentials;
import org.oauthdropins.http.HttpCall;

/** The COMPUTED vectors of specs.md §1, and the parsing rules around them. */
class OAuth1Test {

  private static OAuth1.Param p(String name, String value) {
    return new OAuth1.Param(name, value);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 5849 §3.1 / §3.4.1.1, with the value of verified erratum 2550. */
  @Nested
  class Rfc5849Section31 {

    private final URI uri =
        URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    private final String header =
        "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\","
            + " oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\","
            + " oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\","
            + " oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"";
    private final List<OAuth1.Param> params =
        OAuth1.signedParams(uri, header, "application/x-www-form-urlencoded", bytes("c2&a3=2+q"));

    @Test
    void collectsQueryHeaderAndBodyButNotRealmOrSignature() {
      assertThat(params)
          .containsExactlyInAnyOrder(
              p("b5", "=%3D"),
              p("a3", "a"),
              p("c@", ""),
              p("a2", "r b"),
              p("oauth_consumer_key", "9djdj82h48djs9d2"),
              p("oauth_token", "kkk9d7dh3k39sjv7"),
              p("oauth_signature_method", "HMAC-SHA1"),
              p("oauth_timestamp", "137131201"),
              p("oauth_nonce", "7d8f3e4a"),
              p("c2", ""),
              p("a3", "2 q"));
    }

    @Test
    void normalizedParametersMatchTheRfc() {
      assertThat(OAuth1.normalize(params))
          .isEqualTo(
              "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
                  + "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1"
                  + "&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7");
    }

    @Test
    void baseStringMatchesTheRfc() {
      assertThat(OAuth1.baseString("POST", uri, params))
          .isEqualTo(
              "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5"
                  + "%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
                  + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
                  + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
    }

    @Test
    void signatureIsTheErratumValueNotThePrintedOne() {
      String sig =
          OAuth1.hmacSha1(OAuth1.baseString("POST", uri, params), "j49sk3j29djd", "dh893hdasih9");
      assertThat(sig).isEqualTo("r6/TJjbCOr97/+UU0NsvSne7s5g=");
      assertThat(sig).isNotEqualTo("bYT5CMsGcbgUdFHObYMEfcx6bsw=");
    }

    @Test
    void bodyIsNotSignedUnlessItIsAForm() {
      List<OAuth1.Param> json = OAuth1.signedParams(uri, header, "application/json", bytes("c2"));
      List<OAuth1.Param> multipart =
          OAuth1.signedParams(uri, header, "multipart/form-data; boundary=x", bytes("c2&a3=2+q"));
      assertThat(json).hasSize(9).doesNotContain(p("c2", ""));
      assertThat(multipart).isEqualTo(json);
      assertThat(
              OAuth1.signedParams(
                  uri,
                  header,
                  "Application/X-WWW-Form-Urlencoded; charset=utf-8",
                  bytes("c2&a3=2+q")))
          .hasSize(11);
    }
  }

  /** RFC 5849 §1.2, photos.example.net, with the scheme trap. */
  @Nested
  class Rfc5849Section12 {

    private List<OAuth1.Param> common(String ts, String nonce) {
      List<OAuth1.Param> l = new ArrayList<>();
      l.add(p("oauth_consumer_key", "dpf43f3p2l4k3l03"));
      l.add(p("oauth_signature_method", "HMAC-SHA1"));
      l.add(p("oauth_timestamp", ts));
      l.add(p("oauth_nonce", nonce));
      return l;
    }

    private String sign(String method, String url, List<OAuth1.Param> params, String ts) {
      return OAuth1.hmacSha1(
          OAuth1.baseString(method, URI.create(url), params), "kd94hf93k423kf44", ts);
    }

    @Test
    void initiate() {
      List<OAuth1.Param> params = common("137131200", "wIjqoS");
      params.add(p("oauth_callback", "http://printer.example.com/ready"));
      assertThat(
              OAuth1.baseString("POST", URI.create("https://photos.example.net/initiate"), params))
          .isEqualTo(
              "POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp%253A%252F%252F"
                  + "printer.example.com%252Fready%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
                  + "%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3DHMAC-SHA1"
                  + "%26oauth_timestamp%3D137131200");
      assertThat(sign("POST", "https://photos.example.net/initiate", params, ""))
          .isEqualTo("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
      assertThat(sign("POST", "http://photos.example.net/initiate", params, ""))
          .isEqualTo("mIPx9sQqO97OuihOwUEyB7c4/GI=");
    }

    @Test
    void token() {
      List<OAuth1.Param> params = common("137131201", "walatlh");
      params.add(p("oauth_token", "hh5s93j4hdidpola"));
      params.add(p("oauth_verifier", "hfdp7dh39dks9884"));
      assertThat(sign("POST", "https://photos.example.net/token", params, "hdhd0244k9j7ao03"))
          .isEqualTo("gKgrFCywp7rO0OXSjdot/IHF7IU=");
      assertThat(sign("POST", "http://photos.example.net/token", params, "hdhd0244k9j7ao03"))
          .isEqualTo("ZgObLakjujpjYvaFipAou+ED/Ks=");
    }

    @Test
    void resourceFromTheRequestAsSent() {
      String header =
          "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\","
              + " oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\","
              + " oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\","
              + " oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"";
      URI http = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
      List<OAuth1.Param> params = OAuth1.signedParams(http, header, null, null);
      assertThat(OAuth1.baseString("GET", http, params))
          .isEqualTo(
              "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
                  + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH"
                  + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
                  + "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal");
      assertThat(sign("GET", http.toString(), params, "pfkkdhi9sl3r4s00"))
          .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=")
          .isEqualTo(OAuth1.parseAuthorization(header).get("oauth_signature"));
      assertThat(
              sign(
                  "GET",
                  "https://photos.example.net/photos?file=vacation.jpg&size=original",
                  params,
                  "pfkkdhi9sl3r4s00"))
          .isEqualTo("91yh92rtXzicpezVYjTDNzieVps=");
    }
  }

  /** The Twitter/X "Creating a signature" example, through the signer as a client uses it. */
  @Nested
  class TwitterExample {

    private final Credentials consumer =
        new Credentials("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw");
    private final String token = "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb";
    private final String tokenSecret = "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    private final String nonce = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";

    private Map<String, String> signed(String base) {
      HttpCall call =
          new HttpCall(
                  "POST",
                  URI.create(base + "/statuses/update.json?include_entities=true"),
                  List.of(),
                  bytes(
                      "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21"))
              .header("Content-Type", "application/x-www-form-urlencoded");
      HttpCall out =
          new OAuth1Signer(consumer, Clock.systemUTC())
              .sign(call, token, tokenSecret, Map.of(), nonce, 1318622958L);
      return OAuth1.parseAuthorization(out.firstHeader("Authorization"));
    }

    @Test
    void parameterAndBaseString() {
      URI uri =
          URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true");
      Map<String, String> header = signed("https://api.twitter.com/1.1");
      List<OAuth1.Param> params =
          OAuth1.signedParams(
              uri,
              OAuth1.authorizationHeader(header),
              "application/x-www-form-urlencoded",
              bytes(
                  "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21"));
      assertThat(OAuth1.normalize(params))
          .isEqualTo(
              "include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce="
                  + nonce
                  + "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token="
                  + token
                  + "&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed"
                  + "%20OAuth%20request%21");
      assertThat(OAuth1.baseString("POST", uri, params))
          .isEqualTo(
              "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities"
                  + "%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8"
                  + "Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1"
                  + "%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZe"
                  + "RNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520"
                  + "%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521");
    }

    @Test
    void threePublishedVariants() {
      assertThat(signed("https://api.twitter.com/1.1").get("oauth_signature"))
          .isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
      assertThat(signed("https://api.x.com/1.1").get("oauth_signature"))
          .isEqualTo("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
      assertThat(signed("https://api.twitter.com/1").get("oauth_signature"))
          .isEqualTo("tnnArxj06cWHq44gCs1OSKk/jLY=");
    }

    @Test
    void headerFormsArePercentEncoded() {
      assertThat(OAuth1.encode("tnnArxj06cWHq44gCs1OSKk/jLY="))
          .isEqualTo("tnnArxj06cWHq44gCs1OSKk%2FjLY%3D");
      assertThat(OAuth1.encode("hCtSmYh+iHYCEqBWrE7C7hYmtUk="))
          .isEqualTo("hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D");
    }

    @Test
    void theDocumentedHeaderParses() {
      Map<String, String> h =
          OAuth1.parseAuthorization(
              "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", oauth_nonce=\""
                  + nonce
                  + "\", oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\","
                  + " oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1318622958\","
                  + " oauth_token=\""
                  + token
                  + "\", oauth_version=\"1.0\"");
      assertThat(h)
          .containsEntry("oauth_signature", "tnnArxj06cWHq44gCs1OSKk/jLY=")
          .containsEntry("oauth_token", token)
          .hasSize(7);
    }
  }

  @Test
  void percentEncodingTable() {
    assertThat(OAuth1.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
    assertThat(OAuth1.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
    assertThat(OAuth1.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
    assertThat(OAuth1.encode("☃")).isEqualTo("%E2%98%83");
    assertThat(OAuth1.encode("~-._*")).isEqualTo("~-._%2A");
    assertThat(OAuth1.decode("%E2%98%83+%2a")).isEqualTo("☃+*");
    assertThatThrownBy(() -> OAuth1.decode("%E")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OAuth1.decode("%zz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flickrRequestTokenBaseString() {
    URI uri =
        URI.create(
            "https://www.flickr.com/services/oauth/request_token?oauth_nonce=95613465"
                + "&oauth_timestamp=1305586162&oauth_consumer_key=653e7a6ecc1d528c516cc8f92cf98611"
                + "&oauth_signature_method=HMAC-SHA1&oauth_version=1.0"
                + "&oauth_callback=http%3A%2F%2Fwww.example.com");
    assertThat(OAuth1.baseString("GET", uri, OAuth1.signedParams(uri, null, null, null)))
        .isEqualTo(
            "GET&https%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback"
                + "%3Dhttp%253A%252F%252Fwww.example.com%26oauth_consumer_key%3D653e7a6ecc1d528c5"
                + "16cc8f92cf98611%26oauth_nonce%3D95613465%26oauth_signature_method%3DHMAC-SHA1"
                + "%26oauth_timestamp%3D1305586162%26oauth_version%3D1.0");
  }

  @Test
  void flickrAccessTokenResponseParses() {
    List<OAuth1.Param> r =
        OAuth1.formDecode(
            "fullname=Jamal%20Fanaian&oauth_token=72157626318069415-087bfc7b5816092c"
                + "&oauth_token_secret=a202d1f853ec69de&user_nsid=21207597%40N07"
                + "&username=jamalfanaian");
    assertThat(r)
        .contains(
            p("user_nsid", "21207597@N07"),
            p("fullname", "Jamal Fanaian"),
            p("oauth_token_secret", "a202d1f853ec69de"));
  }

  @Test
  void baseStringUriRules() {
    assertThat(OAuth1.baseStringUri(URI.create("http://EXAMPLE.COM:80/r%20v/X?id=123")))
        .isEqualTo("http://example.com/r%20v/X");
    assertThat(OAuth1.baseStringUri(URI.create("https://www.example.net:8080/?q=1")))
        .isEqualTo("https://www.example.net:8080/");
    assertThat(OAuth1.baseStringUri(URI.create("HTTPS://Example.com:443")))
        .isEqualTo("https://example.com/");
    assertThat(OAuth1.baseStringUri(URI.create("http://example.com:443/a#frag")))
        .isEqualTo("http://example.com:443/a");
  }

  @Test
  void headerParsingRefusesRepeatsAndGarbage() {
    assertThatThrownBy(() -> OAuth1.parseAuthorization("OAuth a=\"1\", a=\"2\""))
        .hasMessageContaining("repeated");
    assertThatThrownBy(() -> OAuth1.parseAuthorization("Bearer abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OAuth1.parseAuthorization("OAuth a=\"1\" junk"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(OAuth1.parseAuthorization("oauth  a=\"1\",b=\"%20\" ,c=\"\""))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", " "), Map.entry("c", ""));
  }

  @Test
  void signerRoundTripsAndSkipsMultipartBodies() {
    OAuth1Signer signer = new OAuth1Signer(new Credentials("ck", "cs"), Clock.systemUTC());
    HttpCall multipart =
        new HttpCall(
                "POST",
                URI.create("https://up.example.com/upload?title=a+b"),
                List.of(),
                bytes("--x\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nAAAA\r\n--x--"))
            .header("Content-Type", "multipart/form-data; boundary=x");
    HttpCall signed = signer.sign(multipart, "tok", "ts", Map.of());
    String header = signed.firstHeader("Authorization");
    List<OAuth1.Param> params =
        OAuth1.signedParams(signed.uri(), header, "multipart/form-data; boundary=x", signed.body());
    assertThat(params).contains(p("title", "a b"), p("oauth_token", "tok"));
    assertThat(OAuth1.hmacSha1(OAuth1.baseString("POST", signed.uri(), params), "cs", "ts"))
        .isEqualTo(OAuth1.parseAuthorization(header).get("oauth_signature"));
    assertThatThrownBy(() -> signer.sign(signed, "tok", "ts", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> signer.sign(multipart, null, null, Map.of("x_auth", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallerCannotSupplyTheSignatureItselfAndTheSignerShowsNoSecret() {
    Credentials consumer = new Credentials("ck", "consumer-secret");
    OAuth1Signer signer = new OAuth1Signer(consumer, Clock.systemUTC());
    HttpCall call = HttpCall.get(URI.create("https://api.example.com/x"));
    assertThatThrownBy(() -> signer.sign(call, null, null, Map.of("oauth_signature", "forged")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("oauth_signature");
    assertThat(
            OAuth1.parseAuthorization(
                signer
                    .sign(call, null, null, Map.of("oauth_callback", "https://app.example/cb"))
                    .firstHeader("Authorization")))
        .containsEntry("oauth_callback", "https://app.example/cb");
    assertThat(signer.consumer()).isSameAs(consumer);
    assertThat(signer.toString()).startsWith("OAuth1Signer[").contains("ck");
    assertThat(signer.toString()).doesNotContain("consumer-secret");
  }
}
