package org.oauthdropins.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fuzz input read front to back: a few choice bytes, then text. Seed files stay readable: their
 * first bytes pick the status or content type, the rest is the body, and parts of a multi-answer
 * input are separated by a NUL byte.
 */
public final class Input {

  private final byte[] data;
  private int at;

  public Input(byte[] data) {
    this.data = data;
  }

  /** The next byte, as 0..255, or 0 when the input is used up. */
  public int pick() {
    return at < data.length ? data[at++] & 0xff : 0;
  }

  /** The next byte chooses one of {@code options}. */
  @SafeVarargs
  public final <T> T pick(T... options) {
    return options[pick() % options.length];
  }

  /** An HTTP status a provider might answer with. */
  public int status() {
    return pick(200, 400, 401, 403, 404, 500, 502, 201, 302, 204, 100, 999);
  }

  /** The rest as bytes. */
  public byte[] restBytes() {
    byte[] r = Arrays.copyOfRange(data, Math.min(at, data.length), data.length);
    at = data.length;
    return r;
  }

  /** The rest as UTF-8 text (malformed bytes become U+FFFD). */
  public String rest() {
    return new String(restBytes(), StandardCharsets.UTF_8);
  }

  /** The rest split at NUL bytes, as raw parts. */
  public List<byte[]> parts() {
    byte[] r = restBytes();
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= r.length; i++) {
      if (i == r.length || r[i] == 0) {
        out.add(Arrays.copyOfRange(r, from, i));
        from = i + 1;
      }
    }
    return out;
  }

  /** The rest split at NUL bytes, as UTF-8 texts. */
  public List<String> textParts() {
    List<String> out = new ArrayList<>();
    for (byte[] p : parts()) {
      out.add(new String(p, StandardCharsets.UTF_8));
    }
    return out;
  }
}
