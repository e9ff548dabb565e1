package org.oauthdropins.benchmarks;

import java.util.Arrays;

/**
 * The one entry point of {@code benchmarks.jar}. {@code all} runs everything and writes RESULTS.md;
 * the other commands are the processes it starts, each in its own JVM.
 */
public final class Main {

  private Main() {}

  public static void main(String[] argv) throws Exception {
    String command = argv.length == 0 ? "help" : argv[0];
    Args args = Args.parse(Arrays.copyOfRange(argv, Math.min(1, argv.length), argv.length));
    switch (command) {
      case "all" -> Runner.main(args);
      case "soak" -> Soak.main(args);
      // A new key ring in its text form, for OAUTH_DROPINS_KEYS of processes started by hand.
      case "keys" -> System.out.println(org.oauthdropins.keys.KeyRing.generate().spec());
      case "fake" -> FakeGitHub.main(args);
      case "postgres" -> PostgresServer.main(args);
      case "drive" -> Driver.main(args);
      case "drive-pair" -> Pairs.main(args);
      case "app" -> {
        switch (args.word(0, "")) {
          case "library" -> LibraryApp.main(args);
          case "scribejava" -> ScribeJavaApp.main(args);
          case "floor" -> FloorApp.main(args);
          default -> usage();
        }
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        """
        usage: java -jar benchmarks.jar all [--quick] [--seconds S] [--out RESULTS.md]
                 [--demo-jar PATH] [--core-classpath FILE] [--core-jar PATH] [--skip-jmh]
                 [--skip-pair] [--rounds R] [--pair-seconds S] [--only ID,...|paired]
               java -jar benchmarks.jar soak [--store postgres|datastore] [--seconds S]
                 [--rate R] [--faults SCHEDULE] [--refresh-share F] [--budget-ms B]
                 [--margin-ms M] [--warm-up S] [--out RELIABILITY.md]
               (the other commands, fake, postgres, app, drive and drive-pair, are started by `all`)""");
    System.exit(2);
  }
}
