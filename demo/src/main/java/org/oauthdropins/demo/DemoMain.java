package org.oauthdropins.demo;

/**
 * Starts the demo: {@code java -jar demo/target/oauth-dropins-demo.jar [--port N] [--db URL]
 * [--sandbox]}.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    if (java.util.List.of(args).contains("--help")) {
      System.out.println(DemoOptions.USAGE);
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Demo demo;
    try {
      demo = Demo.start(options);
    } catch (Exception e) {
      // A startup failure (port taken, database locked by another demo) gets one clear line.
      System.err.println("the demo could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close));
    System.out.println("oauth-dropins demo: http://localhost:" + demo.port() + "/");
    demo.join();
  }
}
