package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a copy of a Datastore namespace shows someone who reads it: every entity of every kind (a
 * kindless query), each property as text, with Bluesky's {@code dpop_token} also decompressed, as
 * anyone can (it is only DEFLATE and base64).
 */
final class EntityDump {

  private EntityDump() {}

  /** Each entity's kind and key, then the text of its properties, by entity. */
  static Map<String, String> byEntity(Datastore raw) {
    Map<String, String> out = new LinkedHashMap<>();
    QueryResults<Entity> r = raw.run(Query.newEntityQueryBuilder().build());
    while (r.hasNext()) {
      Entity e = r.next();
      if (e.getKey().getKind().startsWith("__")) {
        continue; // Datastore's own statistics
      }
      StringBuilder text = new StringBuilder();
      for (String name : e.getNames()) {
        Value<?> v = e.getValue(name);
        text.append(name).append('=').append(EntityMapper.toJson(v)).append('\n');
        if (name.equals("dpop_token") && EntityMapper.text(e, name) != null) {
          JsonNode decoded = BlueskyForms.decode(EntityMapper.text(e, name));
          text.append("dpop_token (decoded)=").append(decoded).append('\n');
        }
      }
      out.put(e.getKey().getKind() + " " + e.getKey().getNameOrId(), text.toString());
    }
    return out;
  }

  /** The whole namespace as one text. */
  static String all(Datastore raw) {
    StringBuilder out = new StringBuilder();
    byEntity(raw).forEach((k, v) -> out.append(k).append('\n').append(v));
    return out.toString();
  }
}
