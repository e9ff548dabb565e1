package org.oauthdropins.secretscan;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds issued secrets in what a test run wrote: its log (every library logger at DEBUG), and the
 * surefire reports (failure messages, whose {@code toString()}s and exception messages land there).
 * A finding names the secret's kind (where a fake minted it) and the place it was found, never the
 * secret itself: the report of a leak must not be one.
 *
 * <p>Secrets are at least 22 characters of base64url (the fakes mint 16 bytes and more), so each is
 * indexed by its first 22 characters and the output is walked once: linear in its size, whatever
 * the number of secrets.
 */
public final class SecretScan {

  static final int PREFIX = 22;

  /** The secrets, by their first {@link #PREFIX} characters; the value is {@code kind, secret}. */
  private final Map<String, List<String[]>> byPrefix = new HashMap<>();

  private int count;

  /** Adds one secret of a kind; values too short to be a minted secret are ignored. */
  public SecretScan add(String kind, String secret) {
    if (secret != null && secret.length() >= PREFIX) {
      byPrefix
          .computeIfAbsent(secret.substring(0, PREFIX), k -> new ArrayList<>(1))
          .add(new String[] {kind, secret});
      count++;
    }
    return this;
  }

  /** Reads the registry the testkit writes: one {@code kind<TAB>secret} line each. */
  public static SecretScan fromRegistry(Path file) throws IOException {
    SecretScan scan = new SecretScan();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          scan.add(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    }
    return scan;
  }

  /** How many secrets are known. */
  public int size() {
    return count;
  }

  /** The leaks in some lines of text, each as {@code <kind> in <source> line <n>}. */
  public List<String> leaks(String source, Stream<String> lines) {
    List<String> found = new ArrayList<>();
    int[] n = {0};
    lines.forEachOrdered(
        line -> {
          n[0]++;
          String kind = find(line);
          if (kind != null) {
            found.add(kind + " in " + source + " line " + n[0]);
          }
        });
    return found;
  }

  /** The leaks in a file, or in every regular file below a directory; nothing if it is missing. */
  public List<String> leaks(Path path) throws IOException {
    List<String> found = new ArrayList<>();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        found.addAll(leaks(f));
      }
    } else if (Files.isRegularFile(path)) {
      // Logs may hold any bytes a test sent; malformed UTF-8 must not hide the rest of the file.
      try (BufferedReader r =
          new BufferedReader(
              new java.io.InputStreamReader(
                  Files.newInputStream(path),
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPLACE)
                      .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        found.addAll(leaks(path.toString(), r.lines()));
      }
    }
    return found;
  }

  /** The kind of the first secret in a line, or null. */
  String find(String line) {
    for (int i = 0; i + PREFIX <= line.length(); i++) {
      List<String[]> candidates = byPrefix.get(line.substring(i, i + PREFIX));
      if (candidates != null) {
        for (String[] c : candidates) {
          if (line.startsWith(c[1], i)) {
            return c[0];
          }
        }
      }
    }
    return null;
  }
}
