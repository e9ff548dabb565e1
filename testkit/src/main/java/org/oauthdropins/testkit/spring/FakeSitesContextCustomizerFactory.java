package org.oauthdropins.testkit.spring;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Reads {@link OAuthDropinsTest} off a test class; registered by the annotation. */
final class FakeSitesContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    OAuthDropinsTest test =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, OAuthDropinsTest.class);
    return test == null ? null : new FakeSitesContextCustomizer(List.of(test.value()));
  }
}
