package org.oauthdropins.internal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.secrets.Secrets;
import org.oauthdropins.keys.KeyRing;

/**
 * The credentials inside a JSON document (a profile, a login's extra data, a registration's data):
 * every value under a credential's field name ({@link Secrets#isCredentialName}) is sealed whole,
 * as its JSON text, for its place in the document, e.g. {@code extra_json/pages/0/access_token}. A
 * document with nothing to seal, or that is not JSON, is kept as it is.
 */
final class SealedJson {

  private SealedJson() {}

  /**
   * The document with each credential sealed; {@code seal} gets the value's JSON text and its path.
   */
  static String seal(String doc, String field, BiFunction<String, String, String> seal) {
    JsonNode tree = parse(doc);
    if (tree == null || !sealIn(tree, field, seal)) {
      return doc;
    }
    return Json.write(tree);
  }

  /** The document with each sealed value opened; one without any is returned as it is. */
  static String open(String doc, String field, BiFunction<String, String, String> open) {
    if (doc == null || !doc.contains(KeyRing.SEALED_PREFIX)) {
      return doc;
    }
    JsonNode tree = parse(doc);
    if (tree == null) {
      return doc;
    }
    JsonNode opened = openIn(tree, field, open);
    return Json.write(opened);
  }

  /**
   * Whether each credential of a stored document satisfies {@code test} (given the stored value, or
   * its JSON text where it is not a string); a document that is not JSON has none.
   */
  static boolean allCredentials(String doc, Function<String, Boolean> test) {
    JsonNode tree = parse(doc);
    boolean[] all = {true};
    if (tree != null) {
      sealIn(
          tree,
          "",
          (text, path) -> {
            JsonNode v = Json.parse(text);
            all[0] &= test.apply(v.isTextual() ? v.asText() : text);
            return text;
          });
    }
    return all[0];
  }

  private static JsonNode parse(String doc) {
    if (doc == null) {
      return null;
    }
    try {
      JsonNode tree = Json.parse(doc);
      return tree != null && tree.isContainerNode() ? tree : null;
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }

  /** Seals the credentials under a node in place; whether there were any. */
  private static boolean sealIn(
      JsonNode node, String path, BiFunction<String, String, String> seal) {
    boolean changed = false;
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> f : new ArrayList<>(o.properties())) {
        String at = path + "/" + escape(f.getKey());
        if (Secrets.isCredentialName(f.getKey()) && !f.getValue().isNull()) {
          o.set(f.getKey(), TextNode.valueOf(seal.apply(Json.write(f.getValue()), at)));
          changed = true;
        } else {
          changed |= sealIn(f.getValue(), at, seal);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        changed |= sealIn(a.get(i), path + "/" + i, seal);
      }
    }
    return changed;
  }

  /** A copy of a node with every sealed string opened to the JSON value it held. */
  private static JsonNode openIn(
      JsonNode node, String path, BiFunction<String, String, String> open) {
    if (node.isTextual() && KeyRing.isSealed(node.asText())) {
      return Json.parse(open.apply(node.asText(), path));
    }
    if (node instanceof ObjectNode o) {
      ObjectNode out = Json.object();
      o.properties()
          .forEach(
              f ->
                  out.set(f.getKey(), openIn(f.getValue(), path + "/" + escape(f.getKey()), open)));
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = Json.array();
      for (int i = 0; i < a.size(); i++) {
        out.add(openIn(a.get(i), path + "/" + i, open));
      }
      return out;
    }
    return node;
  }

  /** A field name as a JSON Pointer step (RFC 6901). */
  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
