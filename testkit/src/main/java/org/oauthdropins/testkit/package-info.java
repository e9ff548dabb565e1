/**
 * Fakes of every site for tests and the demo's sandbox: each {@code Fake<Site>} serves the site's
 * documented protocol in process on a loopback port ({@link org.oauthdropins.testkit.FakeServer})
 * and checks what the real site checks, and its consent page is a plain HTML form with Approve and
 * Deny buttons.
 *
 * <p>{@link org.oauthdropins.testkit.Browser} drives a login as a person would (cookies, redirects,
 * forms); {@link org.oauthdropins.testkit.TestApp} mounts sites without any web framework. Point a
 * site at a fake with the fake's {@code options()}.
 */
package org.oauthdropins.testkit;
