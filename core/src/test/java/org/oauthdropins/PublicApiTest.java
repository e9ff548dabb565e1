package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is every public type outside {@code org.oauthdropins.internal}, and it is written
 * down in {@code public-api.txt}: a new public type, or a Jackson type in a public signature, is a
 * decision to make in review, not an accident. Nothing in the API may name an internal type, or an
 * app would depend on what changes without notice.
 */
class PublicApiTest {

  private static final String INTERNAL = "org.oauthdropins.internal";

  @Test
  void noPublicSignatureNamesAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : apiTypes()) {
      for (Named n : signatures(c)) {
        for (Class<?> used : mentioned(n.type())) {
          if (used.getName().startsWith(INTERNAL)) {
            leaks.add(n.where() + " names " + used.getName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void thePublicTypesAndTheirJacksonMentionsAreTheListedOnes() throws Exception {
    Set<String> found = new TreeSet<>();
    for (Class<?> c : apiTypes()) {
      found.add(c.getName());
      for (Named n : signatures(c)) {
        for (Class<?> used : mentioned(n.type())) {
          if (used.getName().startsWith("com.fasterxml.")) {
            found.add(n.where() + " -> " + used.getSimpleName());
          }
        }
      }
    }
    Set<String> listed = new TreeSet<>();
    try (InputStream in = PublicApiTest.class.getResourceAsStream("/public-api.txt")) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(listed::add);
    }
    assertThat(found)
        .as("public types outside %s (update core/src/test/resources/public-api.txt)", INTERNAL)
        .isEqualTo(listed);
  }

  private record Named(String where, Type type) {}

  private static List<Named> signatures(Class<?> c) {
    List<Named> out = new ArrayList<>();
    String n = c.getName();
    if (c.getGenericSuperclass() != null) {
      out.add(new Named(n + " extends", c.getGenericSuperclass()));
    }
    for (Type t : c.getGenericInterfaces()) {
      out.add(new Named(n + " implements", t));
    }
    boolean open = !Modifier.isFinal(c.getModifiers());
    for (Field f : c.getDeclaredFields()) {
      if (visible(f, open)) {
        out.add(new Named(n + "." + f.getName(), f.getGenericType()));
      }
    }
    List<Executable> calls = new ArrayList<>(List.of(c.getDeclaredMethods()));
    calls.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
    for (Executable e : calls) {
      if (!visible(e, open) || e.isSynthetic()) {
        continue;
      }
      String where = n + "#" + (e instanceof Method ? e.getName() : "<init>");
      if (e instanceof Method m) {
        out.add(new Named(where, m.getGenericReturnType()));
      }
      for (Type t : e.getGenericParameterTypes()) {
        out.add(new Named(where, t));
      }
      for (Type t : e.getGenericExceptionTypes()) {
        out.add(new Named(where, t));
      }
    }
    return out;
  }

  private static boolean visible(Member m, boolean open) {
    int mod = m.getModifiers();
    return Modifier.isPublic(mod) || (open && Modifier.isProtected(mod));
  }

  private static Set<Class<?>> mentioned(Type t) {
    Set<Class<?>> out = new HashSet<>();
    collect(t, out, new HashSet<>());
    return out;
  }

  private static void collect(Type t, Set<Class<?>> out, Set<Type> seen) {
    if (!seen.add(t)) {
      return;
    }
    if (t instanceof Class<?> c) {
      out.add(c.isArray() ? c.getComponentType() : c);
    } else if (t instanceof ParameterizedType p) {
      collect(p.getRawType(), out, seen);
      for (Type a : p.getActualTypeArguments()) {
        collect(a, out, seen);
      }
    } else if (t instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, out, seen));
    } else if (t instanceof GenericArrayType g) {
      collect(g.getGenericComponentType(), out, seen);
    } else if (t instanceof TypeVariable<?> v) {
      for (Type b : v.getBounds()) {
        collect(b, out, seen);
      }
    }
  }

  /** Public types, public all the way out, of core's main classes outside the internal packages. */
  private static List<Class<?>> apiTypes() throws IOException, URISyntaxException {
    Path root = Path.of(Site.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.endsWith("package-info") || name.startsWith(INTERNAL)) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(name, e);
        }
        if (!c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic() && publicOut(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static boolean publicOut(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
