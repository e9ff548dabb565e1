package org.oauthdropins.datastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.NoCredentials;
import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyValue;
import com.google.cloud.datastore.LongValue;
import com.google.cloud.datastore.NullValue;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.TimestampValue;
import com.google.cloud.datastore.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.oauthdropins.internal.http.Json;

/**
 * The Python library's real data (src/test/resources/python-datastore, see its README): entities as
 * the Datastore emulator's REST API returned them, turned back into entities for a given project
 * and namespace, so that tests put exactly what Python wrote.
 */
final class PythonFixtures {

  static final String LOGINS = "oauth-dropins-py.entities.json";
  static final String APPS = "oauth-dropins-py-apps.entities.json";

  private PythonFixtures() {}

  static String resource(String name) {
    try (InputStream in = PythonFixtures.class.getResourceAsStream("/python-datastore/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource python-datastore/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return Json.parse(resource(name));
  }

  /** A client on the emulator for one project and namespace. */
  static Datastore client(String project, String namespace) {
    return DatastoreOptions.newBuilder()
        .setProjectId(project)
        .setNamespace(namespace)
        .setHost("http://" + Emulator.get().hostPort())
        .setCredentials(NoCredentials.getInstance())
        .build()
        .getService();
  }

  /**
   * The fixture file's entities in the client's project and namespace.
   *
   * @param strings rewrites every string value (e.g. a fixture instance to a fake's URL)
   */
  static List<Entity> entities(Datastore ds, String file, UnaryOperator<String> strings) {
    List<Entity> out = new ArrayList<>();
    for (JsonNode e : json(file).path("entities")) {
      Entity.Builder b = Entity.newBuilder(key(ds, e.path("key")));
      for (Map.Entry<String, JsonNode> p : e.path("properties").properties()) {
        b.set(p.getKey(), value(ds, p.getValue(), strings));
      }
      out.add(b.build());
    }
    return out;
  }

  static Key key(Datastore ds, JsonNode key) {
    JsonNode last = key.path("path").get(key.path("path").size() - 1);
    var factory = ds.newKeyFactory().setKind(last.path("kind").asText());
    return last.has("id")
        ? factory.newKey(Long.parseLong(last.path("id").asText()))
        : factory.newKey(last.path("name").asText());
  }

  private static Value<?> value(Datastore ds, JsonNode v, UnaryOperator<String> strings) {
    boolean unindexed = v.path("excludeFromIndexes").asBoolean(false);
    if (v.has("stringValue")) {
      return StringValue.newBuilder(strings.apply(v.path("stringValue").asText()))
          .setExcludeFromIndexes(unindexed)
          .build();
    } else if (v.has("timestampValue")) {
      return TimestampValue.newBuilder(Timestamp.parseTimestamp(v.path("timestampValue").asText()))
          .setExcludeFromIndexes(unindexed)
          .build();
    } else if (v.has("keyValue")) {
      return KeyValue.newBuilder(key(ds, v.path("keyValue")))
          .setExcludeFromIndexes(unindexed)
          .build();
    } else if (v.has("integerValue")) {
      return LongValue.newBuilder(Long.parseLong(v.path("integerValue").asText()))
          .setExcludeFromIndexes(unindexed)
          .build();
    } else if (v.has("nullValue")) {
      return NullValue.newBuilder().setExcludeFromIndexes(unindexed).build();
    }
    throw new IllegalArgumentException("a value type the fixtures do not use: " + v);
  }

  /**
   * What python-ndb's {@code put()} of this entity writes: only the model's declared properties
   * (README: "python-ndb's put() writes exactly the model's declared properties").
   */
  static Entity pythonSave(Entity e) {
    Map<String, String> declared = models().get(e.getKey().getKind());
    Entity.Builder b = Entity.newBuilder(e.getKey());
    for (String name : e.getNames()) {
      if (declared != null && declared.containsKey(name)) {
        b.set(name, (Value<?>) e.getValue(name));
      }
    }
    return b.build();
  }

  /** models.txt: kind to property to its type and flags. */
  static Map<String, Map<String, String>> models() {
    return PythonKinds.parseModels(resource("models.txt"));
  }
}
