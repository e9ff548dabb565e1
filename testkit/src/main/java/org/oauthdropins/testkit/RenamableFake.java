package org.oauthdropins.testkit;

/**
 * A fake of a site whose users can change their name, after which someone else may claim the name
 * they gave up (GitHub logins, Twitter/X screen names, Instagram user names, Tumblr blog names).
 * Tests use it to prove that a stored login follows the account, never the name.
 */
public interface RenamableFake extends Fake {

  /**
   * From now on the account with this id approves, under this name; every profile field the site
   * derives from them (URLs, node ids, the primary blog) follows. Tokens already issued keep the
   * profile they were issued for.
   *
   * @param accountId the site's immutable id of the account, in the site's own format
   * @param name the name the account goes by now
   */
  void signInAs(String accountId, String name);
}
