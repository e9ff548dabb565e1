package org.oauthdropins.spring;

import org.oauthdropins.internal.keys.MissingKeyRingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which store needs a key ring and every way to give it one. */
class KeysFailureAnalyzer extends AbstractFailureAnalyzer<MissingKeyRingException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, MissingKeyRingException cause) {
    String action = cause.action();
    return new FailureAnalysis(
        cause.description() + ".",
        Character.toUpperCase(action.charAt(0)) + action.substring(1) + ".",
        cause);
  }
}
