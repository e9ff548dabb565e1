/**
 * The testkit's Spring support: {@link org.oauthdropins.testkit.spring.OAuthDropinsTest} runs a
 * {@code @SpringBootTest} app's oauth-dropins sites against the fakes. Spring's test support is an
 * optional dependency of the testkit; an app's Spring tests bring their own.
 */
package org.oauthdropins.testkit.spring;
