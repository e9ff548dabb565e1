package org.oauthdropins.spring;

/**
 * Sandbox mode cannot run: the testkit is missing, or the app is served somewhere that is not
 * loopback. Spring Boot's failure analysis shows the description and the action.
 */
final class SandboxRefusedException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String action;

  SandboxRefusedException(String description, String action) {
    super(description);
    this.action = action;
  }

  /** What the developer does about it. */
  String action() {
    return action;
  }
}
