package org.oauthdropins.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Form encoding is URLEncoder's with UTF-8, character for character, only faster. */
class FormTest {

  private static final String[] SAMPLES = {
    "",
    "abcXYZ019-_.*",
    "a b",
    "https://app.example/github/oauth_callback?x=1&y=2",
    "read:org user:email",
    "~!@#$%^&()+={}[]|\\:;\"'<>,?/`",
    "é ü ✓ 日本",
    "emoji \uD83D\uDE00 pair",
    "lone \uD83D high",
    "lone \uDE00 low",
    "end with high \uD83D",
    "\u0000\u007f\u0080\u00ff\r\n\t"
  };

  @Test
  void eachNameOrValueEncodesAsUrlEncoderDoesWithUtf8() {
    for (String s : SAMPLES) {
      assertThat(Form.encode(s)).as(s).isEqualTo(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
  }

  @Test
  void randomTextFromEveryPlaneEncodesAsUrlEncoderDoes() {
    Random random = new Random(10);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(
            switch (random.nextInt(4)) {
              case 0 -> (char) ('a' + random.nextInt(26));
              case 1 -> (char) random.nextInt(128);
              case 2 -> (char) random.nextInt(0x800);
              default -> (char) random.nextInt(0x10000); // surrogates, paired or not, included
            });
      }
      String s = b.toString();
      assertThat(Form.encode(s))
          .as("%s", s.chars().boxed().toList())
          .isEqualTo(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
  }

  @Test
  void parametersKeepTheirOrderLeaveOutNullsAndDecodeBack() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("redirect_uri", "https://app.example/cb?a=1");
    params.put("skipped", null);
    params.put("scope", "read:org user:email");
    params.put("state", "é✓");
    assertThat(Form.encode(params))
        .isEqualTo(
            "redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1&scope=read%3Aorg+user%3Aemail"
                + "&state=%C3%A9%E2%9C%93");
    params.remove("skipped");
    assertThat(Form.decode(Form.encode(params))).isEqualTo(params);
  }
}
