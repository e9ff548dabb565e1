package org.oauthdropins.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} options, plus the words before them. */
record Args(List<String> words, Map<String, String> options) {

  static Args parse(String[] argv) {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--")) {
        boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
        options.put(a.substring(2), hasValue ? argv[++i] : "true");
      } else {
        words.add(a);
      }
    }
    return new Args(List.copyOf(words), Map.copyOf(options));
  }

  String word(int i, String otherwise) {
    return i < words.size() ? words.get(i) : otherwise;
  }

  String value(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }

  int intValue(String name, int otherwise) {
    return Integer.parseInt(value(name, Integer.toString(otherwise)));
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }
}
