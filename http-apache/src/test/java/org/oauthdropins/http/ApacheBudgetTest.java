package org.oauthdropins.http;

/** Core's {@link BudgetContract} on Apache HttpClient 5, with its assertions unchanged. */
class ApacheBudgetTest extends BudgetContract {

  @Override
  protected Transports transports() {
    return ApacheTransports.INSTANCE;
  }
}
