package org.oauthdropins.http;

/** The budget's contract ({@link BudgetContract}) on the library's own transports. */
class FetchBudgetTest extends BudgetContract {

  @Override
  protected Transports transports() {
    return Transports.OWN;
  }
}
