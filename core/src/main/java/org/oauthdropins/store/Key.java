package org.oauthdropins.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.oauthdropins.errors.BadRequestException;

/**
 * Identifies a stored auth entity: its kind (e.g. {@code GitHubAuth}) and the site's id for the
 * user (e.g. the GitHub login). {@link #urlsafe()} is the {@code auth_entity} parameter of the
 * finish redirect.
 *
 * <p>Two string forms exist, and {@link #fromUrlsafe} reads both: this library's own (base64url of
 * {@code Kind:id}) and the Python library's, which is python-ndb's {@code key.urlsafe()}: base64url
 * without padding of a serialized App Engine {@code Reference} protocol buffer (field 13 the app,
 * i.e. the project id; field 14 the path, a group of elements with field 2 the kind and field 3 the
 * integer id or field 4 the name; field 20 the namespace). A Java app that shares a Datastore with
 * a Python app writes the Python form ({@link #pythonUrlsafe}), so that either app can parse the
 * other's {@code auth_entity}.
 *
 * @param kind entity kind, letters and digits only
 * @param id the site's user id, any non-empty string
 */
public record Key(String kind, String id) {

  /** Makes the value, checking its components. */
  public Key {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (kind.isEmpty() || !kind.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
      throw new IllegalArgumentException("key kind must be letters and digits: " + kind);
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("key id must not be empty");
    }
  }

  /** A URL-safe string form: base64url of {@code kind:id}, without padding. */
  public String urlsafe() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((kind + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The Python library's form of this key, byte for byte what python-ndb's {@code ndb.Key(kind, id,
   * project=app, namespace=ns).urlsafe()} gives. The id is a name, as every login key is (ids of
   * auto-id entities such as {@code MastodonApp} never reach a browser).
   *
   * @param app the Google Cloud project id
   * @param namespace the Datastore namespace, or null or empty for the default one
   */
  public String pythonUrlsafe(String app, String namespace) {
    Objects.requireNonNull(app, "app");
    ByteArrayOutputStream element = new ByteArrayOutputStream();
    bytesField(element, 2, kind.getBytes(StandardCharsets.UTF_8));
    bytesField(element, 4, id.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream path = new ByteArrayOutputStream();
    path.write(0x0b); // element group start (field 1, wire type 3)
    path.writeBytes(element.toByteArray());
    path.write(0x0c); // element group end
    ByteArrayOutputStream ref = new ByteArrayOutputStream();
    bytesField(ref, 13, app.getBytes(StandardCharsets.UTF_8));
    bytesField(ref, 14, path.toByteArray());
    if (namespace != null && !namespace.isEmpty()) {
      bytesField(ref, 20, namespace.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(ref.toByteArray());
  }

  /**
   * Parses either string form: {@link #urlsafe()} or the Python library's ({@link #pythonUrlsafe}).
   * The Python form's project and namespace are not kept: a key names a login within the store that
   * the app configured, never in one the browser chooses.
   *
   * @throws BadRequestException if the string is neither form of a key
   */
  public static Key fromUrlsafe(String urlsafe) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(urlsafe);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BadRequestException("auth_entity is not a valid key");
    }
    Key python = PythonReference.parse(bytes);
    if (python != null) {
      return python;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    try {
      return new Key(text.substring(0, Math.max(colon, 0)), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("auth_entity is not a valid key");
    }
  }

  private static void bytesField(ByteArrayOutputStream out, int field, byte[] value) {
    varint(out, (field << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  /**
   * A strict reader of the one {@code Reference} shape a login key has: an app, a path of exactly
   * one element with a kind and a name or integer id, an optional namespace, and nothing else. Any
   * other byte makes it answer null, so that this library's own form is never mistaken for it.
   */
  private static final class PythonReference {
    private final byte[] b;
    private int pos;

    private PythonReference(byte[] b) {
      this.b = b;
    }

    static Key parse(byte[] bytes) {
      try {
        return new PythonReference(bytes).reference();
      } catch (RuntimeException e) {
        return null;
      }
    }

    private Key reference() {
      Key key = null;
      boolean app = false;
      while (pos < b.length) {
        long tag = varint();
        if (tag == ((13 << 3) | 2) && !app) {
          bytes();
          app = true;
        } else if (tag == ((14 << 3) | 2) && key == null) {
          key = new PythonReference(bytes()).path();
        } else if (tag == ((20 << 3) | 2) && key != null) {
          bytes();
        } else {
          return null;
        }
      }
      return app ? key : null;
    }

    private Key path() {
      if (b.length == 0 || b[pos++] != 0x0b) {
        return null;
      }
      String kind = null;
      String id = null;
      while (true) {
        long tag = varint();
        if (tag == 0x0c) {
          break;
        } else if (tag == ((2 << 3) | 2) && kind == null) {
          kind = new String(bytes(), StandardCharsets.UTF_8);
        } else if (tag == ((3 << 3)) && id == null) {
          id = Long.toString(varint());
        } else if (tag == ((4 << 3) | 2) && id == null) {
          id = new String(bytes(), StandardCharsets.UTF_8);
        } else {
          return null;
        }
      }
      if (pos != b.length || kind == null || id == null) {
        return null; // more than one path element: not a login key
      }
      return new Key(kind, id);
    }

    private byte[] bytes() {
      int n = Math.toIntExact(varint());
      if (n < 0 || pos + n > b.length) {
        throw new IllegalArgumentException("truncated");
      }
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    private long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b[pos++];
        v |= (long) (x & 0x7f) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }
  }
}
