package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard's HTTP/1.1 codec on byte arrays: each rule at its boundary, the last value that passes
 * next to the first that fails, so that an off-by-one in a limit shows.
 */
class Http1CodecTest {

  private static final int MAX_BODY = 64;
  private static final Http1Codec CODEC = new Http1Codec(Limits.DEFAULT.withMaxBodyBytes(MAX_BODY));
  private static final URI URL = URI.create("https://server.example/x");

  private static HttpResult read(String method, String answer) throws IOException {
    return CODEC.readResponse(
        new HttpCall(method, URL, List.of(), null),
        new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static HttpResult read(String answer) throws IOException {
    return read("GET", answer);
  }

  private static void refused(String answer, String message) {
    assertThatThrownBy(() -> read(answer))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(message);
  }

  private static String written(HttpCall call) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODEC.writeRequest(call, out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  // Keeping a connection for the next request.

  private static boolean reusable(String method, String answer) throws IOException {
    return CODEC
        .read(
            new HttpCall(method, URL, List.of(), null),
            new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1)))
        .reusable();
  }

  @Test
  void onlyAWholeFramedHttp11AnswerThatDoesNotCloseLeavesItsConnectionReusable()
      throws IOException {
    assertThat(reusable("GET", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).isTrue();
    assertThat(reusable("GET", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
        .isTrue();
    assertThat(reusable("GET", "HTTP/1.1 204 No Content\r\n\r\n")).isTrue();
    assertThat(reusable("HEAD", "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n")).isTrue();
    assertThat(reusable("GET", "HTTP/1.1 200 OK\r\n\r\nto the end")).as("no length").isFalse();
    assertThat(reusable("GET", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")).isFalse();
    assertThat(
            reusable("GET", "HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 2\r\n\r\nok"))
        .isFalse();
  }

  @Test
  void aKeptAliveRequestLeavesTheConnectionOpenAndAProxyIsNamedTheWholeUrl() throws IOException {
    Http1Codec keeping = new Http1Codec(Limits.DEFAULT.withUserAgent("ua"), true);
    HttpCall call = HttpCall.get(URI.create("http://user:pw@[::1]:8080/a?b=c#frag"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    keeping.writeRequest(call, Http1Codec.absoluteForm(call.uri()), out);

    assertThat(out.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo(
            "GET http://[::1]:8080/a?b=c HTTP/1.1\r\n"
                + "Host: [::1]:8080\r\n"
                + "User-Agent: ua\r\n"
                + "Accept-Encoding: identity\r\n\r\n");
  }

  // The request.

  @Test
  void aGetIsTheRequestLineTheHostTheAgentAndTheCodecsOwnHeaders() throws IOException {
    assertThat(written(HttpCall.get(URI.create("https://server.example/a/b?c=d&e"))))
        .isEqualTo(
            "GET /a/b?c=d&e HTTP/1.1\r\n"
                + "Host: server.example\r\n"
                + "User-Agent: "
                + Limits.DEFAULT.userAgent()
                + "\r\n"
                + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n");
  }

  @Test
  void anEmptyPathIsTheRootAndAnExplicitPortIsInTheHostHeader() throws IOException {
    String head = written(HttpCall.get(URI.create("http://server.example:8080")));
    assertThat(head).startsWith("GET / HTTP/1.1\r\nHost: server.example:8080\r\n");
    assertThat(written(HttpCall.get(URI.create("http://server.example?q"))))
        .startsWith("GET /?q HTTP/1.1\r\n");
  }

  @Test
  void aCallersUserAgentReplacesTheDefaultAndTheCodecsOwnHeadersCannotBeSet() throws IOException {
    HttpCall call =
        HttpCall.get(URL)
            .header("user-agent", "app/1")
            .header("Host", "evil.example")
            .header("Content-Length", "99")
            .header("Connection", "keep-alive")
            .header("Transfer-Encoding", "chunked")
            .header("Accept-Encoding", "gzip")
            .header("Accept", "text/html");
    assertThat(written(call))
        .isEqualTo(
            "GET /x HTTP/1.1\r\nHost: server.example\r\nuser-agent: app/1\r\n"
                + "Accept: text/html\r\n"
                + "Accept-Encoding: identity\r\nConnection: close\r\n\r\n");
  }

  @Test
  void aBodyIsSentWithItsLengthAndAnEmptyPostOrPutSaysLengthZero() throws IOException {
    byte[] body = "a=b".getBytes(StandardCharsets.UTF_8);
    assertThat(written(new HttpCall("POST", URL, List.of(), body)))
        .contains("\r\nContent-Length: 3\r\n")
        .endsWith("\r\n\r\na=b");
    assertThat(written(new HttpCall("PATCH", URL, List.of(), body))).endsWith("\r\n\r\na=b");
    assertThat(written(new HttpCall("POST", URL, List.of(), null)))
        .contains("\r\nContent-Length: 0\r\n");
    assertThat(written(new HttpCall("PUT", URL, List.of(), null)))
        .contains("\r\nContent-Length: 0\r\n");
    assertThat(written(new HttpCall("DELETE", URL, List.of(), null)))
        .doesNotContain("Content-Length");
  }

  @Test
  void theRequestIsFlushedThroughABufferedStream() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    CODEC.writeRequest(
        new HttpCall("POST", URL, List.of(), new byte[] {'b'}), new BufferedOutputStream(wire));
    assertThat(wire.toString(StandardCharsets.ISO_8859_1)).startsWith("POST /x ").endsWith("b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\rX-Evil: 1", "\nX-Evil: 1", "a\r\nX-Evil: 1", "a\r", "a\n"})
  void aHeaderValueWithALineBreakIsRefusedWherevertheBreakIs(String value) {
    assertThatThrownBy(() -> written(HttpCall.get(URL).header("X-A", value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X A", "X:A", "X\r\nA", "Ä"})
  void aHeaderNameOrMethodThatIsNotATokenIsRefused(String name) {
    assertThatThrownBy(() -> written(HttpCall.get(URL).header(name, "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid HTTP token");
    assertThatThrownBy(() -> written(new HttpCall(name, URL, List.of(), null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // The status line.

  @Test
  void aStatusLineNeedsHttp1AndThreeDigitsAndMayLackAReason() throws IOException {
    assertThat(read("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n").status()).isEqualTo(200);
    assertThat(read("HTTP/1.0 404 Not Found Here\r\nContent-Length: 0\r\n\r\n").status())
        .isEqualTo(404);
    for (String bad :
        List.of(
            "HTTP/1.1", "HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 099")) {
      refused(bad + "\r\n\r\n", "not an HTTP/1.x answer from server.example");
    }
  }

  @Test
  void interimAnswersAreSkippedUpToTheFinalOne() throws IOException {
    HttpResult r =
        read(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 199 Later\r\nX: 1\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("ok");
    assertThat(r.headers()).doesNotContainKey("x");
    assertThat(r.uri()).isEqualTo(URL);
  }

  // Lines and headers.

  @Test
  void aLineExactlyAtTheLimitPassesAndOneByteLongerIsRefused() throws IOException {
    String name = "X-Long: ";
    String atLimit = name + "v".repeat(Http1Codec.MAX_LINE - name.length());
    assertThat(read("HTTP/1.1 204 No\r\n" + atLimit + "\r\n\r\n").header("x-long"))
        .hasSize(Http1Codec.MAX_LINE - name.length());
    refused("HTTP/1.1 204 No\r\n" + atLimit + "v\r\n\r\n", "response line too long");
  }

  @Test
  void exactlyTheMostHeadersPassAndOneMoreIsRefused() throws IOException {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < Http1Codec.MAX_HEADERS; i++) {
      headers.append("X-").append(i).append(": v\r\n");
    }
    assertThat(read("HTTP/1.1 204 No\r\n" + headers + "\r\n").headers())
        .hasSize(Http1Codec.MAX_HEADERS);
    refused("HTTP/1.1 204 No\r\n" + headers + "X-More: v\r\n\r\n", "too many response headers");
  }

  @Test
  void headerNamesAreLowerCasedValuesStrippedAndRepeatsKeptInOrder() throws IOException {
    HttpResult r = read("HTTP/1.1 204 No\r\nSet-Cookie:  a \r\nset-cookie:b\r\nX-Empty:\r\n\r\n");
    assertThat(r.headers())
        .isEqualTo(Map.of("set-cookie", List.of("a", "b"), "x-empty", List.of("")));
  }

  @Test
  void aHeaderWithoutANameOrColonIsRefused() {
    refused("HTTP/1.1 204 No\r\n: v\r\n\r\n", "malformed response header");
    refused("HTTP/1.1 204 No\r\nno colon\r\n\r\n", "malformed response header");
  }

  @Test
  void obsoleteLineFoldingIsJoinedWithASpace() throws IOException {
    HttpResult r = read("HTTP/1.1 204 No\r\nX-A: one\r\n two\r\n\tthree\r\nX-B: b\r\n\r\n");
    assertThat(r.headers()).isEqualTo(Map.of("x-a", List.of("one two three"), "x-b", List.of("b")));
    refused("HTTP/1.1 204 No\r\n folded: first\r\n\r\n", "malformed response header");
  }

  @Test
  void aBareLineFeedEndsALineButABareCarriageReturnIsRefused() throws IOException {
    assertThat(read("HTTP/1.1 200 OK\nContent-Length: 2\n\nok").text()).isEqualTo("ok");
    refused("HTTP/1.1 200 OK\rContent-Length: 2\r\n\r\nok", "bare CR");
    refused("HTTP/1.1 204 No\r\nX-A: a\rb\r\n\r\n", "bare CR");
  }

  @Test
  void anAnswerThatEndsInTheMiddleOfTheHeadIsRefused() {
    refused("", "connection closed in the middle of the answer");
    refused("HTTP/1.1 200 OK", "connection closed in the middle of the answer");
    refused("HTTP/1.1 200 OK\r", "connection closed in the middle of the answer");
    refused("HTTP/1.1 200 OK\r\nX-A: a\r\n", "connection closed in the middle of the answer");
  }

  // Sized bodies.

  @Test
  void aBodyExactlyAtTheLimitPassesAndOneByteOverIsRefused() throws IOException {
    String atLimit = "b".repeat(MAX_BODY);
    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + atLimit).text())
        .isEqualTo(atLimit);
    refused(
        "HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n" + atLimit + "b",
        "response body larger than 64 bytes");
  }

  @Test
  void onlyContentLengthBytesAreTheBody() throws IOException {
    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length:  3 \r\n\r\nabcdef").text())
        .isEqualTo("abc");
    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nabc").body()).isEmpty();
  }

  @Test
  void aBodyShorterThanItsContentLengthIsRefused() {
    refused(
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcd",
        "connection closed before the end of the body");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+5", "5 5", "0x10", "", "five"})
  void aContentLengthThatIsNotDigitsIsRefused(String length) {
    refused("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nabcde", "bad Content-Length");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775807", "9223372036854775808", "99999999999999999999999"})
  void aContentLengthBeyondAnyNumberIsTooLargeNotACrash(String length) {
    refused("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n", "larger than 64 bytes");
  }

  @Test
  void twoDifferentContentLengthsAreRefusedAndTwoEqualOnesAreOne() throws IOException {
    refused(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
        "conflicting Content-Length");
    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab").text())
        .isEqualTo("ab");
  }

  @Test
  void withoutALengthTheBodyRunsToTheEndUpToTheLimit() throws IOException {
    String atLimit = "c".repeat(MAX_BODY);
    assertThat(read("HTTP/1.1 200 OK\r\n\r\n" + atLimit).text()).isEqualTo(atLimit);
    assertThat(read("HTTP/1.1 200 OK\r\n\r\n").body()).isEmpty();
    refused("HTTP/1.1 200 OK\r\n\r\n" + atLimit + "c", "response body larger than 64 bytes");
  }

  @Test
  void headAnswersAnd204And304HaveNoBodyWhateverTheirHeadersSay() throws IOException {
    String sized = "HTTP/1.1 %d X\r\nContent-Length: 5\r\n\r\nabcde";
    assertThat(read("HEAD", sized.formatted(200)).body()).isEmpty();
    assertThat(read(sized.formatted(204)).body()).isEmpty();
    assertThat(read(sized.formatted(304)).body()).isEmpty();
    assertThat(read(sized.formatted(205)).text()).isEqualTo("abcde");
    assertThat(read("POST", sized.formatted(200)).text()).isEqualTo("abcde");
  }

  // Chunked bodies.

  private static String chunked(String chunks) {
    return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
  }

  @Test
  void chunksAreJoinedAndTheirSizesAreHex() throws IOException {
    String sixteen = "0123456789abcdef";
    assertThat(read(chunked(chunk(sixteen) + chunk("!") + "0\r\n\r\n")).text())
        .isEqualTo(sixteen + "!");
    assertThat(read(chunked("A\r\n0123456789\r\n0\r\n\r\n")).text()).isEqualTo("0123456789");
  }

  private static String chunk(String data) {
    return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }

  @Test
  void chunksExactlyAtTheLimitPassAndOneByteOverIsRefused() throws IOException {
    String half = "d".repeat(MAX_BODY / 2);
    assertThat(read(chunked("20\r\n" + half + "\r\n20\r\n" + half + "\r\n0\r\n\r\n")).text())
        .isEqualTo(half + half);
    refused(
        chunked("20\r\n" + half + "\r\n21\r\n" + half + "d\r\n0\r\n\r\n"),
        "response body larger than 64 bytes");
    refused(chunked("41\r\n" + "d".repeat(65) + "\r\n0\r\n\r\n"), "larger than 64 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7fffffffffffffff", "8000000000000000", "ffffffffffffffff"})
  void aChunkSizeNearTheTopOfTheRangeIsTooLargeNotAWrapAround(String size) {
    refused(chunked("1\r\na\r\n" + size + "\r\nb\r\n0\r\n\r\n"), "larger than 64 bytes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "+1", "0x1", "g", "1 1", "10000000000000000"})
  void aChunkSizeThatIsNotOneToSixteenHexDigitsIsRefused(String size) {
    refused(chunked(size + "\r\na\r\n0\r\n\r\n"), "bad chunk size");
  }

  @Test
  void chunkExtensionsAndSpacesAroundTheSizeAreIgnored() throws IOException {
    assertThat(read(chunked("3;name=value\r\nabc\r\n 2 ;x\r\nde\r\n0;last\r\n\r\n")).text())
        .isEqualTo("abcde");
  }

  @Test
  void trailersAreReadAndDroppedNotMergedIntoTheHeaders() throws IOException {
    HttpResult r = read(chunked("2\r\nab\r\n0\r\nX-Trailer: t\r\nLocation: /evil\r\n\r\n"));
    assertThat(r.text()).isEqualTo("ab");
    assertThat(r.headers()).containsOnlyKeys("transfer-encoding");
  }

  @Test
  void chunkDataNotFollowedByCrlfIsRefused() {
    refused(chunked("2\r\nabc\r\n0\r\n\r\n"), "chunk data not followed by CRLF");
    refused(chunked("2\r\nab"), "connection closed");
  }

  @Test
  void aChunkedBodyEndsOnlyAtTheZeroChunk() {
    refused(chunked("2\r\nab\r\n"), "connection closed in the middle of the answer");
    refused(chunked("5\r\nab"), "connection closed before the end of the body");
  }

  @Test
  void chunkedWinsOverContentLengthWhenAnAnswerHasBoth() throws IOException {
    String both =
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
            + "3\r\nabc\r\n0\r\n\r\n";
    assertThat(read(both).text()).isEqualTo("abc");
  }
}
