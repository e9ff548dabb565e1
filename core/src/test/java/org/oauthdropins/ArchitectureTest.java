package org.oauthdropins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of core that issue 21 asks for, read from its main sources: parts are passed, not found
 * (no thread-locals); nothing outside a site's package asks which site it is; no two packages need
 * each other. A failure names the file and line, or the cycle and the imports that make it.
 *
 * <p>Sources rather than class files, because an import that only Javadoc uses is a dependency a
 * reader sees too. Comments and string literals are blanked before the code is searched.
 */
class ArchitectureTest {

  private static final Path CORE = Path.of("src/main/java");

  /** One main source file: its package, imports, raw text and text without comments or strings. */
  record Source(Path path, String pkg, List<String> imports, String raw, String code) {

    /** The 1-based line of a position in the file. */
    int line(int at) {
      int n = 1;
      for (int i = 0; i < at && i < raw.length(); i++) {
        if (raw.charAt(i) == '\n') {
          n++;
        }
      }
      return n;
    }

    String where(int at) {
      return path + ":" + line(at);
    }
  }

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern IMPORT =
      Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;");

  static List<Source> sources(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .sorted()
          .map(ArchitectureTest::read)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source read(Path p) {
    try {
      String raw = Files.readString(p);
      String code = blankCommentsAndStrings(raw);
      Matcher m = PACKAGE.matcher(code);
      String pkg = m.find() ? m.group(1) : "";
      List<String> imports = new ArrayList<>();
      Matcher i = IMPORT.matcher(code);
      while (i.find()) {
        imports.add(i.group(1));
      }
      return new Source(p, pkg, imports, raw, code);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text with every comment, string, text block and char literal replaced by spaces (newlines
   * kept), so that positions and line numbers stay those of the file.
   */
  static String blankCommentsAndStrings(String s) {
    StringBuilder b = new StringBuilder(s);
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int end;
      if (s.startsWith("//", i)) {
        end = s.indexOf('\n', i);
        end = end < 0 ? s.length() : end;
      } else if (s.startsWith("/*", i)) {
        end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
      } else if (s.startsWith("\"\"\"", i)) {
        end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? s.length() : end + 3;
      } else if (c == '"' || c == '\'') {
        end = i + 1;
        while (end < s.length() && s.charAt(end) != c) {
          end += s.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(s.length(), end + 1);
      } else {
        i++;
        continue;
      }
      for (int k = i; k < end; k++) {
        if (b.charAt(k) != '\n') {
          b.setCharAt(k, ' ');
        }
      }
      i = end;
    }
    return b.toString();
  }

  // ---- rule 1: no ThreadLocal ----

  private static final Pattern THREAD_LOCAL = Pattern.compile("\\b(Inheritable)?ThreadLocal\\b");

  static List<String> threadLocals(List<Source> sources) {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      Matcher m = THREAD_LOCAL.matcher(s.code());
      while (m.find()) {
        found.add(s.where(m.start()) + ": " + m.group());
      }
    }
    return found;
  }

  @Test
  void coreFindsNothingThroughAThreadLocal() {
    assertThat(threadLocals(sources(CORE)))
        .as("a part that core finds through a thread-local instead of being passed it")
        .isEmpty();
  }

  // ---- rule 2: no instanceof of a site type outside that site's package ----

  private static final Pattern INSTANCEOF =
      Pattern.compile("\\binstanceof\\s+(?:final\\s+)?([A-Za-z_][\\w.]*)");

  /**
   * Every {@code instanceof} of a site type (a {@link Site} or an {@link AuthEntity} of one)
   * outside the package that declares the type. Adapters, the testkit and the demo are read too
   * where their sources are beside core: they mount sites generically as well.
   */
  static List<String> siteInstanceofs(List<Source> sources) {
    List<String> found = new ArrayList<>();
    for (Source s : sources) {
      Matcher m = INSTANCEOF.matcher(s.code());
      while (m.find()) {
        Optional<Class<?>> type = resolve(s, m.group(1));
        if (type.isEmpty()) {
          continue;
        }
        Class<?> c = type.get();
        boolean siteType =
            c != Site.class
                && c != AuthEntity.class
                && (Site.class.isAssignableFrom(c) || AuthEntity.class.isAssignableFrom(c));
        if (siteType && !c.getPackageName().equals(s.pkg())) {
          found.add(s.where(m.start()) + ": instanceof " + c.getName());
        }
      }
    }
    return found;
  }

  /** The class a name in a source file stands for, if it is on this test's class path. */
  private static Optional<Class<?>> resolve(Source s, String name) {
    List<String> candidates = new ArrayList<>();
    String first = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    String rest = name.contains(".") ? name.substring(name.indexOf('.')) : "";
    if (Character.isLowerCase(first.charAt(0))) {
      candidates.add(name); // fully qualified
    } else {
      for (String i : s.imports()) {
        if (i.endsWith("." + first)) {
          candidates.add(i + rest);
        } else if (i.endsWith(".*")) {
          candidates.add(i.substring(0, i.length() - 1) + name);
        }
      }
      candidates.add(s.pkg() + "." + name);
      candidates.add("java.lang." + name);
    }
    for (String candidate : candidates) {
      Optional<Class<?>> c = load(candidate);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Loads a dotted name, trying the later dots as nested classes. */
  private static Optional<Class<?>> load(String dotted) {
    String n = dotted;
    while (true) {
      try {
        return Optional.of(Class.forName(n, false, ArchitectureTest.class.getClassLoader()));
      } catch (ClassNotFoundException | NoClassDefFoundError e) {
        int dot = n.lastIndexOf('.');
        if (dot < 0 || !Character.isUpperCase(n.charAt(n.lastIndexOf('.', dot - 1) + 1))) {
          return Optional.empty();
        }
        n = n.substring(0, dot) + "$" + n.substring(dot + 1);
      }
    }
  }

  /** Core's main sources, and those of the modules beside it that mount sites. */
  private static List<Source> coreAndItsUsers() {
    List<Source> all = new ArrayList<>(sources(CORE));
    for (String module :
        List.of(
            "servlet",
            "javalin",
            "spring-boot-starter",
            "quarkus/runtime",
            "testkit",
            "demo",
            "datastore")) {
      Path main = Path.of("..", module, "src/main/java");
      if (Files.isDirectory(main)) {
        all.addAll(sources(main));
      }
    }
    return all;
  }

  @Test
  void nothingOutsideASitesPackageAsksWhichSiteItIs() {
    assertThat(siteInstanceofs(coreAndItsUsers()))
        .as("instanceof of a site type outside its package: make it a capability of Site")
        .isEmpty();
  }

  // ---- rule 3: no package import cycles ----

  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(org\\.oauthdropins(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  /**
   * Package to package dependencies, each with the files that make it: imports (static ones too)
   * and fully qualified names in code.
   */
  static Map<String, Map<String, Set<String>>> packageGraph(List<Source> sources) {
    Map<String, Map<String, Set<String>>> g = new TreeMap<>();
    for (Source s : sources) {
      Map<String, Set<String>> out = g.computeIfAbsent(s.pkg(), k -> new TreeMap<>());
      List<String> targets = new ArrayList<>();
      for (String i : s.imports()) {
        targets.add(packageOf(i));
      }
      String body = PACKAGE.matcher(IMPORT.matcher(s.code()).replaceAll("")).replaceAll("");
      Matcher m = QUALIFIED.matcher(body);
      while (m.find()) {
        targets.add(m.group(1));
      }
      for (String t : targets) {
        if (t.startsWith("org.oauthdropins") && !t.equals(s.pkg())) {
          out.computeIfAbsent(t, k -> new TreeSet<>()).add(s.path().getFileName().toString());
        }
      }
    }
    return g;
  }

  /** The package of an imported name: its parts up to the first that starts with a capital. */
  private static String packageOf(String imported) {
    List<String> parts = new ArrayList<>();
    for (String p : imported.split("\\.")) {
      if (p.equals("*") || Character.isUpperCase(p.charAt(0))) {
        break;
      }
      parts.add(p);
    }
    return String.join(".", parts);
  }

  /**
   * Each set of packages that need each other (a strongly connected component of more than one), as
   * one cycle through it with the files behind each step.
   */
  static List<String> cycles(Map<String, Map<String, Set<String>>> g) {
    List<String> found = new ArrayList<>();
    for (Set<String> component : stronglyConnected(g)) {
      if (component.size() < 2) {
        continue;
      }
      String from = component.iterator().next();
      List<String> cycle = shortestCycle(g, component, from);
      StringBuilder b = new StringBuilder();
      b.append(component.size()).append(" packages need each other: ").append(component);
      b.append("\n    for one:");
      for (int i = 0; i + 1 < cycle.size(); i++) {
        String a = cycle.get(i);
        String z = cycle.get(i + 1);
        b.append("\n      ").append(a).append(" -> ").append(z).append(" in ");
        b.append(g.get(a).get(z));
      }
      found.add(b.toString());
    }
    return found;
  }

  /** Tarjan's algorithm, iteratively. */
  private static List<Set<String>> stronglyConnected(Map<String, Map<String, Set<String>>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String root : g.keySet()) {
      if (index.containsKey(root)) {
        continue;
      }
      Deque<Map.Entry<String, List<String>>> work = new ArrayDeque<>();
      index.put(root, counter[0]);
      low.put(root, counter[0]++);
      stack.push(root);
      onStack.add(root);
      work.push(Map.entry(root, new ArrayList<>(g.get(root).keySet())));
      while (!work.isEmpty()) {
        Map.Entry<String, List<String>> top = work.peek();
        String v = top.getKey();
        if (!top.getValue().isEmpty()) {
          String w = top.getValue().remove(0);
          if (!index.containsKey(w)) {
            index.put(w, counter[0]);
            low.put(w, counter[0]++);
            stack.push(w);
            onStack.add(w);
            work.push(Map.entry(w, new ArrayList<>(g.getOrDefault(w, Map.of()).keySet())));
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = work.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          Set<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          out.add(component);
        }
      }
    }
    return out;
  }

  /** A shortest path from a package back to itself inside its component, both ends included. */
  private static List<String> shortestCycle(
      Map<String, Map<String, Set<String>>> g, Set<String> component, String from) {
    Map<String, String> previous = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : g.getOrDefault(v, Map.of()).keySet()) {
        if (!component.contains(w)) {
          continue;
        }
        if (w.equals(from)) {
          List<String> path = new ArrayList<>(List.of(from));
          for (String p = v; p != null; p = previous.get(p)) {
            path.add(0, p);
          }
          return path;
        }
        if (!previous.containsKey(w) && !w.equals(from)) {
          previous.put(w, v);
          queue.add(w);
        }
      }
    }
    throw new IllegalStateException("no cycle through " + from);
  }

  @Test
  void noTwoPackagesOfCoreNeedEachOther() {
    assertThat(cycles(packageGraph(sources(CORE))))
        .as("package import cycles in core: move the shared piece to the side that needs it")
        .isEmpty();
  }

  // ---- rule 4: one file posts the authorization-code exchange ----

  /** Main sources of core that name the authorization-code grant. */
  static List<String> codeExchanges(List<Source> sources) {
    return sources.stream()
        .filter(s -> s.raw().contains("\"authorization_code\""))
        .map(s -> s.path().toString())
        .collect(Collectors.toList());
  }

  @Test
  void oneFilePostsTheAuthorizationCodeExchange() {
    List<String> files = codeExchanges(sources(CORE));
    assertThat(files)
        .as("files that post grant_type=authorization_code: the pipeline's token client alone")
        .hasSize(1);
    assertThat(files.get(0)).endsWith(Path.of("engine", "oauth2", "TokenClient.java").toString());
  }
}
