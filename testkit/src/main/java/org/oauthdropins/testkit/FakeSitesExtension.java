package org.oauthdropins.testkit;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs {@link FakeSites}: starts the fakes before each test, resolves {@link TestSites}, {@link
 * Browser} and fake parameters, and stops the fakes after the test. Registered by the annotation.
 */
public final class FakeSitesExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(FakeSitesExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    FakeSites names =
        find(context.getRequiredTestMethod())
            .or(() -> find(context.getRequiredTestClass()))
            .orElseThrow(() -> new IllegalStateException("@FakeSites names no sites"));
    context.getStore(NS).put(TestSites.class, TestSites.start(List.of(names.value())));
  }

  private static Optional<FakeSites> find(AnnotatedElement e) {
    return AnnotationSupport.findAnnotation(e, FakeSites.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestSites sites = context.getStore(NS).remove(TestSites.class, TestSites.class);
    if (sites != null) {
      sites.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestSites.class || type == Browser.class || Fake.class.isAssignableFrom(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Browser.class) {
      return new Browser();
    }
    TestSites sites = context.getStore(NS).get(TestSites.class, TestSites.class);
    if (sites == null) {
      throw new ParameterResolutionException(
          type.getSimpleName() + " is for tests of a @FakeSites class or method");
    }
    if (type == TestSites.class) {
      return sites;
    }
    try {
      return sites.fake(type.asSubclass(Fake.class));
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }
}
