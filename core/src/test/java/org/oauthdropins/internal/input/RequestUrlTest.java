package org.oauthdropins.internal.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.oauthdropins.Req;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.web.WebRequest;
import org.oauthdropins.web.WebResponse;

class RequestUrlTest {

  @Test
  void anAddressWithAndWithoutAQueryIsThatUrl() {
    assertThat(RequestUrl.of("http://127.0.0.1:8080/app/x", null))
        .isEqualTo(URI.create("http://127.0.0.1:8080/app/x"));
    assertThat(RequestUrl.of("http://127.0.0.1:8080/app/x", "a=1&b=%2F"))
        .isEqualTo(URI.create("http://127.0.0.1:8080/app/x?a=1&b=%2F"));
    assertThat(RequestUrl.of("https://app.example/x", "").getRawQuery()).isEmpty();
  }

  @Test
  void aMalformedPartIsA400ThatNamesThePartAndQuotesNothing() {
    assertThatThrownBy(() -> RequestUrl.of("http://app.example/x", "code=SECRET|x"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("the request's query string is not well-formed")
        .hasNoCause();
    assertThatThrownBy(() -> RequestUrl.of("http://app.example/x", "code=SECRET%zz"))
        .hasMessage("the request's query string is not well-formed");
    assertThatThrownBy(() -> RequestUrl.of("http://app.example/SECRET|x", "a=1"))
        .isInstanceOf(BadRequestException.class)
        .hasMessage("the request's address is not a well-formed URL")
        .hasNoCause();
  }

  @Test
  void anAdapterAnswersWithTheHandlerOrAPlain400WhenTheRequestCannotBeWrapped() {
    WebResponse ok = WebResponse.Page.text(200, "handled");
    WebRequest request = Req.get("https://app.example/x");

    assertThat(RequestUrl.answer(() -> request, w -> w == request ? ok : null)).isSameAs(ok);
    assertThat(
            RequestUrl.answer(
                () -> {
                  throw new BadRequestException("the request's query string is not well-formed");
                },
                w -> ok))
        .isEqualTo(WebResponse.Page.text(400, "the request's query string is not well-formed\n"));
  }
}
