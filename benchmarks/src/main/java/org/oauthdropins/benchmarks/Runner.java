package org.oauthdropins.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code all}: every measurement in one run, on this machine, then RESULTS.md. One fake GitHub and
 * one PostgreSQL serve every contender; each contender's app runs alone against them, in its own
 * JVM, while a driver JVM logs in.
 */
final class Runner {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How one contender's app processes are started: one command per server, on given ports. */
  private record Contender(String id, String name, boolean measureStartup, int servers) {}

  private static final List<Contender> CONTENDERS =
      List.of(
          new Contender("floor", "no library, HttpURLConnection, state in the session", true, 1),
          new Contender(
              "scribejava", "ScribeJava 8.3.3 (state in the session, no PKCE, no store)", true, 1),
          new Contender(
              "library-h2", "oauth-dropins, README quick start (embedded H2 store)", true, 1),
          // Issue 23: the same app with the token and profile requests on another HTTP client.
          new Contender(
              "library-h2-apache",
              "oauth-dropins, embedded H2, on Apache HttpClient 5 (oauth-dropins-http-apache)",
              true,
              1),
          new Contender(
              "library-h2-jdkhttp",
              "oauth-dropins, embedded H2, on java.net.http (trusted path only)",
              true,
              1),
          new Contender("library-pg", "oauth-dropins on PostgreSQL (HikariCP)", true, 1),
          new Contender(
              "fleet",
              "oauth-dropins fleet: two servers on one PostgreSQL, alternating",
              false,
              2));

  private Runner() {}

  /**
   * Run settings: quick is a smoke test of the harness, not a measurement. {@code rounds} and
   * {@code pairSeconds} are the paired run's ({@link Pairs}): its rounds, and each level's time.
   */
  record Settings(
      boolean quick,
      double seconds,
      double window,
      double warmupMax,
      int starts,
      String jmhArgs,
      int rounds,
      double pairSeconds) {

    static Settings of(Args args) {
      boolean quick = args.flag("quick");
      return new Settings(
          quick,
          Double.parseDouble(args.value("seconds", quick ? "3" : "20")),
          quick ? 1 : 5,
          quick ? 6 : 120,
          quick ? 3 : 7,
          quick ? "-f 1 -wi 1 -w 1s -i 2 -r 1s" : "-f 1 -wi 3 -w 2s -i 5 -r 2s",
          args.intValue("rounds", quick ? 1 : 4),
          Double.parseDouble(args.value("pair-seconds", quick ? "2" : "10")));
    }
  }

  static void main(Args args) throws Exception {
    Settings settings = Settings.of(args);
    Path work = Path.of(args.value("work", "benchmarks/target/run")).toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work.resolve("logs"));
    Path out = Path.of(args.value("out", "benchmarks/RESULTS.md"));

    int fakePort = Procs.freePort();
    Procs.start(Procs.self("fake", "--port", Integer.toString(fakePort)), log(work, "fake"), null);
    String fake = "http://127.0.0.1:" + fakePort;
    Procs.waitFor200(null, URI.create(fake + "/"), log(work, "fake"));
    int pgPort = Procs.freePort();
    Process pg =
        Procs.start(
            Procs.self("postgres", "--port", Integer.toString(pgPort)),
            log(work, "postgres"),
            null);
    waitForLine(pg, log(work, "postgres"), "listening");

    List<Results.Contender> contenders = new ArrayList<>();
    // --only a,b runs some contenders: for looking into one change, never for RESULTS.md.
    List<String> only = List.of(args.value("only", "").split(","));
    for (Contender c : CONTENDERS) {
      if (!only.equals(List.of("")) && !only.contains(c.id())) {
        continue;
      }
      say("contender " + c.id());
      contenders.add(contender(c, settings, work, fake, pgPort));
    }

    Optional<Results.Paired> paired = Optional.empty();
    if (!args.flag("skip-pair") && (only.equals(List.of("")) || only.contains("paired"))) {
      say("paired: " + String.join(", ", PAIRED) + ", levels interleaved");
      paired = Optional.of(paired(settings, work, fake, pgPort));
    }

    say("start-up of the demo");
    List<Results.Startup> startups = new ArrayList<>();
    Path demoJar = Path.of(args.value("demo-jar", "demo/target/oauth-dropins-demo.jar"));
    if (Files.isRegularFile(demoJar)) {
      startups.add(demoStartup(demoJar.toAbsolutePath(), settings, work));
    }

    List<Results.Micro> micro = List.of();
    if (!args.flag("skip-jmh")) {
      say("JMH");
      micro = jmh(settings, work);
    }

    List<Results.Jar> jars =
        Size.coreJars(
            Path.of(args.value("core-classpath", "benchmarks/target/core-classpath.txt")),
            Path.of(args.value("core-jar", "core/target")));
    List<Results.Jar> apacheJars =
        Size.addedJars(
            jars,
            Path.of(args.value("apache-classpath", "http-apache/target/runtime-classpath.txt")),
            Path.of(args.value("apache-jar", "http-apache/target")),
            "oauth-dropins-http-apache");

    Files.writeString(
        out,
        Report.markdown(
            settings,
            args.value("note", null),
            contenders,
            paired,
            startups,
            micro,
            jars,
            apacheJars));
    say("wrote " + out);
  }

  private static Results.Contender contender(
      Contender c, Settings settings, Path work, String fake, int pgPort) throws Exception {
    int[] ports = new int[c.servers()];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = Procs.freePort();
    }
    String base = "http://127.0.0.1:" + ports[0];
    List<Double> startups = new ArrayList<>();
    Process[] procs = new Process[ports.length];
    int launches = c.measureStartup() ? settings.starts() : 1;
    Path jfr = work.resolve(c.id() + ".jfr");
    for (int n = 0; n < launches; n++) {
      for (int i = 0; i < ports.length; i++) {
        Process[] p = new Process[1];
        List<String> command = appCommand(c.id(), ports[i], base, fake, pgPort, work);
        if (n == launches - 1 && ports.length == 1) {
          // Only the launch that takes the load is profiled, so start-up is measured without JFR.
          command.add(
              1, "-XX:StartFlightRecording=settings=default,dumponexit=true,filename=" + jfr);
        }
        double s =
            Procs.startAndTime(
                p,
                command,
                log(work, c.id() + "-" + i),
                null,
                URI.create("http://127.0.0.1:" + ports[i] + "/"));
        procs[i] = p[0];
        if (c.measureStartup()) {
          startups.add(s);
        }
      }
      if (n < launches - 1) {
        for (Process p : procs) {
          Procs.stop(p);
        }
      }
    }
    StringBuilder portList = new StringBuilder();
    StringBuilder pidList = new StringBuilder();
    for (int i = 0; i < ports.length; i++) {
      portList.append(i == 0 ? "" : ",").append(ports[i]);
      pidList.append(i == 0 ? "" : ",").append(procs[i].pid());
    }
    Results.Drive result;
    try {
      result =
          drive(
              log(work, c.id() + "-driver"),
              Results.Drive.class,
              List.of(
                  "drive",
                  "--base",
                  base,
                  "--ports",
                  portList.toString(),
                  "--pids",
                  pidList.toString(),
                  "--seconds",
                  Double.toString(settings.seconds()),
                  "--window",
                  Double.toString(settings.window()),
                  "--warmup-max",
                  Double.toString(settings.warmupMax())));
    } finally {
      for (Process p : procs) {
        Procs.stop(p);
      }
    }
    return new Results.Contender(c.id(), c.name(), startups, result, Profile.read(c.id(), jfr));
  }

  private static List<String> appCommand(
      String id, int port, String base, String fake, int pgPort, Path work) {
    String p = Integer.toString(port);
    return switch (id) {
      case "floor" -> Procs.self("app", "floor", "--port", p, "--fake", fake);
      case "scribejava" -> Procs.self("app", "scribejava", "--port", p, "--fake", fake);
      case "library-h2" ->
          Procs.self(
              "app", "library", "--port", p, "--fake", fake, "--h2", work.resolve("h2").toString());
      case "library-memory" ->
          Procs.self("app", "library", "--port", p, "--fake", fake, "--memory");
      case "library-h2-apache", "library-h2-jdkhttp" ->
          // A store of its own, so that each transport starts from the same empty database.
          Procs.self(
              "app",
              "library",
              "--port",
              p,
              "--fake",
              fake,
              "--h2",
              work.resolve("h2-" + id).toString(),
              "--transport",
              id.substring("library-h2-".length()));
      default -> libraryOnPostgres(p, fake, pgPort, base);
    };
  }

  /**
   * The paired run's apps: the README app first, which the others are compared with; beside it the
   * same app with its store left out ({@code app library --memory}), no contender but the bound of
   * what a faster store could bring.
   */
  static final List<String> PAIRED =
      List.of(PairedReport.LIBRARY, PairedReport.MEMORY, "scribejava", "library-pg", "fleet");

  /**
   * The paired run ({@link Pairs}): the library's README app (an embedded store of its own), the
   * same app on no store, ScribeJava's, and the library on PostgreSQL as one server and as a fleet
   * of two, all up side by side, driven by one driver JVM that interleaves their levels.
   */
  private static Results.Paired paired(Settings settings, Path work, String fake, int pgPort)
      throws Exception {
    Path own = Files.createDirectories(work.resolve("paired"));
    List<Process> apps = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    List<String> pids = new ArrayList<>();
    try {
      for (String id : PAIRED) {
        int servers =
            CONTENDERS.stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(Contender::servers)
                .orElse(1); // library-memory runs in the paired run only
        List<String> groupPorts = new ArrayList<>();
        List<String> groupPids = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
          int port = Procs.freePort();
          String base = "http://127.0.0.1:" + (i == 0 ? port : groupPorts.get(0));
          // A folder of its own, so that the library's app starts from an empty embedded store.
          List<String> command = appCommand(id, port, base, fake, pgPort, own);
          Process[] p = new Process[1];
          Procs.startAndTime(
              p,
              command,
              log(work, "paired-" + id + "-" + i),
              null,
              URI.create("http://127.0.0.1:" + port + "/"));
          apps.add(p[0]);
          groupPorts.add(Integer.toString(port));
          groupPids.add(Long.toString(p[0].pid()));
        }
        ports.add(String.join("+", groupPorts));
        pids.add(String.join("+", groupPids));
      }
      return drive(
          log(work, "paired-driver"),
          Results.Paired.class,
          List.of(
              "drive-pair",
              "--ids",
              String.join(",", PAIRED),
              "--ports",
              String.join(",", ports),
              "--pids",
              String.join(",", pids),
              "--seconds",
              Double.toString(settings.pairSeconds()),
              "--rounds",
              Integer.toString(settings.rounds()),
              "--window",
              Double.toString(settings.window()),
              "--warmup-max",
              Double.toString(settings.warmupMax())));
    } finally {
      for (Process p : apps) {
        Procs.stop(p);
      }
    }
  }

  /**
   * Runs a driver JVM ({@code drive} or {@code drive-pair}) to its end and reads the JSON line it
   * prints last.
   */
  private static <T> T drive(Path log, Class<T> type, List<String> args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Procs.java());
    // The driver sends the load balancer's Host to either server of a fleet.
    command.add("-Dsun.net.http.allowRestrictedHeaders=true");
    command.add("-Dhttp.maxConnections=100");
    command.addAll(Procs.self().subList(1, 3));
    command.addAll(args);
    Process driver = Procs.start(command, log, null);
    driver.waitFor();
    List<String> lines = Files.readAllLines(log);
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    if (driver.exitValue() != 0 || !last.startsWith("{")) {
      throw new IllegalStateException("the driver failed; see " + log);
    }
    return JSON.readValue(last, type);
  }

  /** The library app on PostgreSQL, one server of a fleet behind {@code base}. */
  static List<String> libraryOnPostgres(String port, String fake, int pgPort, String base) {
    return new ArrayList<>(
        Procs.self(
            "app",
            "library",
            "--port",
            port,
            "--fake",
            fake,
            "--postgres",
            Integer.toString(pgPort),
            "--base-url",
            base));
  }

  private static Results.Startup demoStartup(Path jar, Settings settings, Path work)
      throws IOException {
    List<Double> seconds = new ArrayList<>();
    for (int n = 0; n < settings.starts(); n++) {
      File dir = Files.createDirectories(work.resolve("demo")).toFile();
      int port = Procs.freePort();
      Process[] p = new Process[1];
      seconds.add(
          Procs.startAndTime(
              p,
              List.of(Procs.java(), "-jar", jar.toString(), "--port", Integer.toString(port)),
              log(work, "demo"),
              dir,
              URI.create("http://127.0.0.1:" + port + "/")));
      Procs.stop(p[0]);
    }
    return new Results.Startup("demo (java -jar oauth-dropins-demo.jar)", seconds);
  }

  private static List<Results.Micro> jmh(Settings settings, Path work) throws Exception {
    Path json = work.resolve("jmh.json");
    List<String> command =
        new ArrayList<>(List.of(Procs.java(), "-cp", Procs.jar(), "org.openjdk.jmh.Main"));
    command.addAll(List.of(settings.jmhArgs().split(" ")));
    command.addAll(List.of("-rf", "json", "-rff", json.toString()));
    Process p = Procs.start(command, log(work, "jmh"), null);
    if (p.waitFor() != 0 || !Files.exists(json)) {
      throw new IllegalStateException("JMH failed; see " + log(work, "jmh"));
    }
    List<Results.Micro> out = new ArrayList<>();
    for (JsonNode b : JSON.readTree(json.toFile())) {
      JsonNode m = b.path("primaryMetric");
      StringBuilder params = new StringBuilder();
      b.path("params")
          .properties()
          .forEach(
              e ->
                  params
                      .append(params.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue().asText()));
      out.add(
          new Results.Micro(
              b.path("benchmark").asText().replace("org.oauthdropins.", ""),
              params.toString(),
              m.path("score").asDouble(),
              m.path("scoreError").asDouble(),
              m.path("scoreUnit").asText()));
    }
    return out;
  }

  static void waitForLine(Process p, Path log, String prefix) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.readAllLines(log).stream().anyMatch(l -> l.startsWith(prefix))) {
        return;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no '" + prefix + "' from " + log);
  }

  static Path log(Path work, String name) {
    return work.resolve("logs").resolve(name + ".log");
  }

  private static void say(String what) {
    System.out.println("[benchmarks] " + what);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
