package org.oauthdropins.spring;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oauthdropins.testkit.Fake;
import org.oauthdropins.testkit.Fakes;

/**
 * The one class of the starter that names the testkit: loaded only in sandbox mode, once {@link
 * DropinSandbox} has seen the testkit on the classpath, so apps without it never link to it.
 */
final class SandboxFakes {

  private SandboxFakes() {}

  /** Starts the fakes of the named sites; names without one are left out. */
  static Map<String, DropinSandbox.Faked> start(List<String> names) {
    Map<String, DropinSandbox.Faked> out = new LinkedHashMap<>();
    for (String name : names) {
      Optional<Fake> fake = Fakes.start(name);
      fake.ifPresent(f -> out.put(name, faked(f)));
    }
    return out;
  }

  /** The names of the sites the testkit has a fake of. */
  static List<String> names() {
    return List.copyOf(Fakes.names());
  }

  private static DropinSandbox.Faked faked(Fake f) {
    return new DropinSandbox.Faked(
        f.options(),
        f.url(),
        Map.copyOf(f.startParams()),
        (URI callback) -> f.registerRedirectUri(callback),
        f::close);
  }
}
