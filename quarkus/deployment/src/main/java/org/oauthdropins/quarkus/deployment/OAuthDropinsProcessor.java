package org.oauthdropins.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import org.oauthdropins.quarkus.OAuthDropinsProducers;
import org.oauthdropins.quarkus.OAuthDropinsRoutes;

/**
 * The extension's build steps: its name in the start-up banner, and its beans kept even though the
 * app injects none of them (the routes are mounted by an observer of the router).
 */
public class OAuthDropinsProcessor {

  /** The extension's name among the app's installed features. */
  public static final String FEATURE = "oauth-dropins";

  /** Makes the build steps; Quarkus calls it. */
  public OAuthDropinsProcessor() {}

  /**
   * Names the extension in the start-up banner.
   *
   * @return the feature
   */
  @BuildStep
  public FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  /**
   * Registers the beans that build the sites and mount their routes.
   *
   * @return the beans, kept although nothing of the app injects them
   */
  @BuildStep
  public AdditionalBeanBuildItem beans() {
    return AdditionalBeanBuildItem.builder()
        .addBeanClasses(OAuthDropinsProducers.class, OAuthDropinsRoutes.class)
        .setUnremovable()
        .build();
  }
}
