package org.oauthdropins.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void theSharedMapperIsNotPartOfThePublicApi() {
    assertThat(
            Arrays.stream(Json.class.getDeclaredFields())
                .filter(f -> !Modifier.isPrivate(f.getModifiers()))
                .map(java.lang.reflect.Field::getName))
        .as("a caller holding the mapper could reconfigure how every site reads JSON")
        .isEmpty();
  }

  @Test
  void valuesGoToTreesAndBackToPlainJava() {
    Map<String, Object> value = Map.of("tasks", List.of("ANALYZE", "MANAGE"), "n", 3);
    assertThat(Json.plain(Json.tree(value))).isEqualTo(value);
    assertThat(Json.array().add("a").toString()).isEqualTo("[\"a\"]");
    assertThat(Json.pretty(Json.tree(Map.of("a", 1)))).isEqualTo("{\n  \"a\" : 1\n}");
  }
}
