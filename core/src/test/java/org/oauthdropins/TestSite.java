package org.oauthdropins;

/**
 * A site for tests that need one but not its login flow: named {@code stub}, with a button, and
 * refusing to start or complete a login unless a test says otherwise.
 */
public interface TestSite extends Site<AuthEntity> {

  @Override
  default String name() {
    return "stub";
  }

  @Override
  default Button button() {
    return Button.of("Stub", "#000", "#fff");
  }

  @Override
  default Authorization authorize(AuthorizeRequest request) {
    throw new UnsupportedOperationException();
  }

  @Override
  default LoginResult complete(CallbackRequest request) {
    throw new UnsupportedOperationException();
  }
}
