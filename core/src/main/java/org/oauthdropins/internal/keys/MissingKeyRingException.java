package org.oauthdropins.internal.keys;

/**
 * A store or cookie that seals needs a key ring and the configuration names none: a start-up
 * failure, which the Spring starter's failure analysis shows with what to set.
 */
public final class MissingKeyRingException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String description;
  private final String action;

  MissingKeyRingException(String description, String action) {
    super(description + ": " + action);
    this.description = description;
    this.action = action;
  }

  /** What needs a ring and why. */
  public String description() {
    return description;
  }

  /** What the operator does about it: every way to give a ring. */
  public String action() {
    return action;
  }
}
