package org.oauthdropins.engine.oauth2.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.ServerSource;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;
import org.oauthdropins.http.HttpCall;
import org.oauthdropins.http.HttpResult;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.http.UnsafeUrlException;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.internal.input.Instances;
import org.oauthdropins.store.AuthRecord;

/**
 * The server of a Mastodon-API login: the instance the user names in the start form's {@code
 * instance} field, read by {@link Instances} into its origin, with Doorkeeper's (and Passport's)
 * {@code /oauth/authorize} and {@code /oauth/token} there (docs.joinmastodon.org methods/oauth.md).
 * The origin is the server's one fact, {@value #INSTANCE}, which the registration and the identity
 * use and the stored login keeps.
 *
 * <p>Finding it costs no request: the software is checked ({@link #info}) only when the app
 * registers at the instance, as it always was, so that a login with a stored registration makes no
 * request before the browser leaves.
 */
final class InstanceServer implements ServerSource {

  /** The fact that names the instance's origin, and the stored login's extra data field. */
  static final String INSTANCE = "instance";

  private final String label;
  private final boolean allowHttp;
  private final Predicate<String> software;

  /**
   * @param label the software's name for messages, e.g. {@code Mastodon}
   * @param allowHttp whether {@code http://} instances are accepted (the guard's development
   *     policy)
   * @param software whether {@code /api/v1/instance}'s {@code version} is this software's
   */
  InstanceServer(String label, boolean allowHttp, Predicate<String> software) {
    this.label = Objects.requireNonNull(label, "label");
    this.allowHttp = allowHttp;
    this.software = Objects.requireNonNull(software, "software");
  }

  @Override
  public Server find(AuthorizeRequest request, HttpTransport transport) {
    return at(Instances.from(request.web(), label, allowHttp));
  }

  /** The instance a stored login names, in either form the stores hold (see {@link Instances}). */
  @Override
  public Optional<Server> of(AuthRecord record, HttpTransport transport) {
    String instance = Instances.withoutSlash(Json.text(Json.parse(record.extraJson()), INSTANCE));
    return instance == null ? Optional.empty() : Optional.of(at(instance));
  }

  /**
   * A login started before the pipeline kept its instance as {@code instance} in its pending data
   * (with the registration it started with), and finishes at that instance.
   */
  @Override
  public Optional<Server> keptBefore(Map<String, String> pendingData) {
    String instance = Instances.withoutSlash(pendingData.get(INSTANCE));
    return instance == null ? Optional.empty() : Optional.of(at(instance));
  }

  /** The instance, which {@link #of} reads back. */
  @Override
  public void remember(Server server, ObjectNode extra) {
    extra.put(INSTANCE, instance(server));
  }

  /** The server at an instance's origin. */
  static Server at(String instance) {
    return new Server(
        URI.create(instance + "/oauth/authorize"),
        URI.create(instance + "/oauth/token"),
        null,
        null,
        false,
        false,
        Map.of(INSTANCE, instance));
  }

  /** The instance a server is at. */
  static String instance(Server server) {
    return Objects.requireNonNull(server.fact(INSTANCE), "not an instance's server");
  }

  /**
   * The instance's {@code /api/v1/instance}, if its {@code version} is this software's.
   *
   * @throws BadRequestException if the instance does not answer as this software
   */
  JsonNode info(String instance, HttpTransport transport) {
    HttpResult info = send(transport, HttpCall.get(URI.create(instance + "/api/v1/instance")));
    JsonNode json = null;
    try {
      json = info.ok() ? info.json() : null;
    } catch (IllegalArgumentException e) {
      // not JSON: handled below
    }
    if (json == null || !json.isObject() || !software.test(Json.text(json, "version"))) {
      throw new BadRequestException(instance + " doesn't look like a " + label + " instance");
    }
    return json;
  }

  /**
   * Sends a request to an instance: an address the guard refuses is the user's input's fault (400),
   * an unreachable instance the provider's (502).
   */
  static HttpResult send(HttpTransport transport, HttpCall call) {
    try {
      return transport.send(call);
    } catch (UnsafeUrlException e) {
      throw new BadRequestException(call.uri().getHost() + " cannot be used: " + e.getMessage());
    } catch (IOException e) {
      throw ProviderException.unreachable(call.uri().getHost(), e);
    }
  }
}
