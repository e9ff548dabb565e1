package org.oauthdropins.sites.fediverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.oauthdropins.AbstractSite;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.Authorization;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.CallbackRequest;
import org.oauthdropins.LoginResult;
import org.oauthdropins.Revocation;
import org.oauthdropins.Site;
import org.oauthdropins.SiteFactory;
import org.oauthdropins.SiteOptions;
import org.oauthdropins.engine.miauth.MiAuthSite;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.instances.InstanceSite;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.GuardedTransport;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.internal.PendingData;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.input.Instances;
import org.oauthdropins.sites.mastodon.Mastodon;
import org.oauthdropins.sites.mastodon.MastodonAuth;
import org.oauthdropins.sites.misskey.Misskey;
import org.oauthdropins.sites.misskey.MisskeyAuth;
import org.oauthdropins.sites.pixelfed.Pixelfed;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;

/**
 * "Sign in with the fediverse": the user names an instance, the instance's NodeInfo says which
 * software it runs, and the login runs that software's flow: Mastodon's, Pixelfed's, GoToSocial's
 * and Akkoma's (or Pleroma's), and Friendica's (its Mastodon-compatible client API and OAuth, so
 * Mastodon's flavour) through the OAuth 2 pipeline with the Mastodon-API parts ({@link
 * InstanceSite}) and that software's flavour; Misskey's and its forks' (Sharkey, Firefish,
 * Iceshrimp) through MiAuth ({@link MiAuthSite}). An instance whose software the site does not know
 * is a 400 that names it. The per-software sites ({@code mastodon}, {@code pixelfed}) stay
 * available beside this one.
 *
 * <p>The flows run under this site's name, so their app registrations (one per instance, for this
 * site's callback URL) and logins are this site's, apart from the per-software sites'. Every login
 * is kind {@value #KIND}, keyed {@code @user@host} whatever the software, and records the software
 * in its extra data ({@code software}); {@link #entity} gives the software's entity type ({@code
 * MastodonAuth} for Mastodon, GoToSocial, Akkoma and Friendica, {@code PixelfedAuth}, {@code
 * MisskeyAuth}).
 *
 * <p>The probe and the flows reach the instance through the SSRF guard, as every user-typed URL.
 */
public final class Fediverse extends AbstractSite<AuthEntity> {

  /** The site's name. */
  public static final String NAME = "fediverse";

  /** The kind of every fediverse login, whatever its software. */
  public static final String KIND = "FediverseAuth";

  /** Lists the fediverse site for apps and the demo; it needs no credentials. */
  public static final SiteFactory FACTORY = new SiteFactory(NAME, null, null, Fediverse::create);

  static final Button BUTTON =
      new Button("Sign in with the fediverse", "#5c4d9a", "#ffffff", "instance", "mastodon.social");

  /** What the callback needs besides the flow's own pending data: which software's flow it was. */
  record Probed(String fediverseSoftware) {
    Probed {
      Objects.requireNonNull(fediverseSoftware, "fediverseSoftware");
    }
  }

  private final GuardedTransport guard;
  private final Map<String, Site<? extends AuthEntity>> bySoftware;

  private Fediverse(
      SiteBuilder b, GuardedTransport guard, Map<String, Site<? extends AuthEntity>> bySoftware) {
    // The probe's fetches go to the instance the user typed: through the SSRF guard, always.
    super(b, t -> guard);
    this.guard = guard;
    this.bySoftware = Map.copyOf(bySoftware);
  }

  /** The site's own settings: its name, kind and button, and the app's transport and listener. */
  private static final class SiteBuilder extends AbstractSite.Builder<AuthEntity, SiteBuilder> {
    private SiteBuilder(SiteOptions o) {
      // A stored fediverse login is its software's entity (MastodonAuth, MisskeyAuth...).
      super(
          NAME,
          KIND,
          (site, record, store, t) -> ((Fediverse) site).site(record).entity(record, store));
      button(BUTTON);
      options(o);
      // What its Mastodon-API logins do; each login revokes as its software does (see revoke).
      revocation(Revocation.rfc7009AtServer("/oauth/revoke"));
    }

    @Override
    protected SiteBuilder self() {
      return this;
    }

    /** The fediverse button needs no app credentials: each flow registers or names itself. */
    @Override
    protected boolean credentialsRequired() {
      return false;
    }
  }

  /** The fediverse site with the given options (transport, listener). */
  public static Fediverse create(SiteOptions o) {
    return builder(o).build();
  }

  /**
   * The fediverse site, registering at instances under the app's own name and web site.
   *
   * @param website the app's web site, or null for the app's base URL
   */
  public static Fediverse create(SiteOptions o, String appName, String website) {
    return builder(o).appName(appName).website(website).build();
  }

  /**
   * A builder for the fediverse site with the given options: the registration settings its
   * Mastodon-compatible flows share (see {@link InstanceSite.Builder}).
   */
  public static Builder builder(SiteOptions o) {
    return new Builder(o);
  }

  /**
   * Configures a {@link Fediverse} site: what each software's flow is built with. Every setter
   * replaces; nothing is built lazily.
   */
  public static final class Builder {
    private final SiteOptions options;
    private String appName = Mastodon.DEFAULT_APP_NAME;
    private String website;
    private List<String> callbackPaths = List.of();
    private Instant validAfter;
    private Clock clock = Clock.systemUTC();

    private Builder(SiteOptions o) {
      this.options = Objects.requireNonNull(o, "options");
    }

    /** The app name instances show on their consent page. */
    public Builder appName(String name) {
      this.appName = Objects.requireNonNull(name, "appName");
      return this;
    }

    /** The app's web site for registrations; null (the default) for its base URL. */
    public Builder website(String url) {
      this.website = url;
      return this;
    }

    /** See {@link InstanceSite.Builder#callbackPaths}. */
    public Builder callbackPaths(List<String> paths) {
      this.callbackPaths = List.copyOf(paths);
      return this;
    }

    /** See {@link InstanceSite.Builder#registrationsValidAfter}. */
    public Builder registrationsValidAfter(Instant when) {
      this.validAfter = Objects.requireNonNull(when, "when");
      return this;
    }

    /** The clock, for tests of expiry and of the registration bound. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** The site with these settings. */
    public Fediverse build() {
      Map<String, Site<? extends AuthEntity>> sites = new LinkedHashMap<>();
      sites.put("mastodon", instanceSite(Mastodon.FLAVOR));
      sites.put("pixelfed", instanceSite(Pixelfed.FLAVOR));
      sites.put("gotosocial", instanceSite(Mastodon.GOTOSOCIAL));
      OAuth2Site<MastodonAuth> akkoma = instanceSite(Mastodon.AKKOMA);
      sites.put("akkoma", akkoma);
      sites.put("pleroma", akkoma); // Akkoma's parent, the same API
      // Friendica speaks the Mastodon client API and its OAuth (app registration at
      // /api/v1/apps, /oauth/authorize, /oauth/token, verify_credentials): Mastodon's flow.
      sites.put("friendica", instanceSite(Mastodon.FLAVOR));
      MiAuthSite<MisskeyAuth> misskey =
          MiAuthSite.builder(Misskey.FLAVOR.as(NAME, KIND, BUTTON))
              .options(options)
              .appName(appName)
              .clock(clock)
              .build();
      // Misskey's forks that keep MiAuth, as their NodeInfo names them.
      sites.put("misskey", misskey);
      sites.put("sharkey", misskey);
      sites.put("firefish", misskey);
      sites.put("iceshrimp", misskey); // Firefish's fork, MiAuth kept
      return new Fediverse(
          new SiteBuilder(options).clock(clock), GuardedTransport.of(options.transport()), sites);
    }

    /**
     * One software's flow under this site's name. Built on the same options, every flow draws from
     * the one registration budget of the process (issue 20 #6).
     */
    private <A extends AuthEntity> OAuth2Site<A> instanceSite(InstanceSite.Flavor<A> flavor) {
      InstanceSite.Builder<A> b =
          InstanceSite.builder(flavor.as(NAME, KIND, BUTTON))
              .options(options)
              .appName(appName)
              .website(website)
              .callbackPaths(callbackPaths)
              .clock(clock);
      return validAfter == null ? b.build() : b.registrationsValidAfter(validAfter).build();
    }
  }

  /** The software names (NodeInfo's {@code software.name}) this site signs in to. */
  public Set<String> softwares() {
    return bySoftware.keySet();
  }

  @Override
  public Authorization authorize(AuthorizeRequest request) {
    String instance = Instances.from(request.web(), "fediverse", guard.policy().allowHttp());
    String software = NodeInfo.software(guard.within(request.budget()), instance);
    Site<? extends AuthEntity> site = bySoftware.get(software);
    if (site == null) {
      throw new BadRequestException(
          instance
              + " runs "
              + ProviderException.clean(software)
              + ", which this app cannot sign in with");
    }
    Authorization flow = site.authorize(request);
    Map<String, String> data = new HashMap<>(flow.data());
    data.putAll(PendingData.write(new Probed(software)));
    return new Authorization(flow.location(), flow.redirectUri(), data);
  }

  @Override
  public LoginResult complete(CallbackRequest request) {
    String software = request.data(Probed.class).fediverseSoftware();
    LoginResult result = site(software).complete(request);
    if (result instanceof LoginResult.Authenticated ok) {
      AuthRecord r = ok.record();
      JsonNode old = Json.parse(r.extraJson());
      ObjectNode extra = old instanceof ObjectNode o ? o.deepCopy() : Json.object();
      extra.put("software", software);
      return new LoginResult.Authenticated(r.withExtraJson(extra.toString()));
    }
    return result;
  }

  @Override
  public HttpCall sign(HttpCall call, AuthRecord record) {
    return site(record).sign(call, record);
  }

  @Override
  public Optional<AuthRecord> refresh(AuthRecord record, AuthStore store) {
    return site(record).refresh(record, store);
  }

  /**
   * As the login's software revokes: {@code /oauth/revoke} on a Mastodon-API instance, nothing on a
   * Misskey one (MiAuth has no revocation an app can call), which is then deleted only.
   */
  @Override
  public boolean revoke(AuthRecord record, AuthStore store) {
    return site(record).revoke(record, store);
  }

  private Site<? extends AuthEntity> site(AuthRecord record) {
    return site(Json.text(Json.parse(record.extraJson()), "software"));
  }

  private Site<? extends AuthEntity> site(String software) {
    Site<? extends AuthEntity> site = software == null ? null : bySoftware.get(software);
    if (site == null) {
      // Only a store holding what this version did not write gets here.
      throw new IllegalStateException("fediverse login of unknown software");
    }
    return site;
  }

  @Override
  public String toString() {
    return "Fediverse" + bySoftware.keySet();
  }
}
