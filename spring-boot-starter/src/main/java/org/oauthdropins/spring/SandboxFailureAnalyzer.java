package org.oauthdropins.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why {@code oauth-dropins.sandbox=true} refused to start and what to change. */
class SandboxFailureAnalyzer extends AbstractFailureAnalyzer<SandboxRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, SandboxRefusedException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
