package org.oauthdropins.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oauthdropins.AuthEntity;
import org.oauthdropins.AuthorizeRequest;
import org.oauthdropins.Button;
import org.oauthdropins.Credentials;
import org.oauthdropins.engine.oauth2.Client;
import org.oauthdropins.engine.oauth2.ClientAuth;
import org.oauthdropins.engine.oauth2.ClientSource;
import org.oauthdropins.engine.oauth2.Identity;
import org.oauthdropins.engine.oauth2.OAuth2Site;
import org.oauthdropins.engine.oauth2.ProfileLoader;
import org.oauthdropins.engine.oauth2.Server;
import org.oauthdropins.engine.oauth2.ServerSource;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.http.HttpTransport;
import org.oauthdropins.internal.http.Json;
import org.oauthdropins.store.AccessToken;
import org.oauthdropins.store.AuthRecord;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Key;
import org.oauthdropins.store.memory.MemoryStore;

/**
 * The pipeline with parts that differ per login, as the engines that find their server and client
 * per login give it (a Mastodon instance, an IndieAuth server): the user names one of two
 * authorization servers, each with its own client; the login finishes with the server and client it
 * started with, the stored login keeps what the parts remember, and refresh finds both again.
 */
class PerLoginPipelineFlowTest {

  private final MemoryStore store = new MemoryStore();
  private final FakeServer serverA = new FakeServer();
  private final FakeServer serverB = new FakeServer();
  private final Map<String, FakeServer> servers = Map.of("a", serverA, "b", serverB);
  private final Map<String, Credentials> clients =
      Map.of(
          "a",
          new Credentials("client-at-a", "secret-a"),
          "b",
          new Credentials("client-at-b", "secret-b"));
  private final Map<String, FakeOAuth2> fakes = Map.of("a", fake("a"), "b", fake("b"));
  private TestApp app;

  @AfterEach
  void tearDown() {
    if (app != null) {
      app.close();
    }
    serverA.close();
    serverB.close();
  }

  private FakeOAuth2 fake(String name) {
    FakeOAuth2.Config standard = FakeOAuth2.Config.standard("Example", "/authorize", "/token");
    FakeServer s = servers.get(name);
    FakeOAuth2 oauth =
        new FakeOAuth2(
            s,
            new FakeOAuth2.Config(
                standard.site(),
                standard.authorizePath(),
                standard.tokenPath(),
                Set.of(ClientAuth.POST),
                false,
                false,
                standard.declineParams(),
                "tok_" + name + "_",
                3600L,
                true,
                true),
            clients.get(name),
            Json.parse("{\"id\":\"user-at-" + name + "\"}"));
    s.route(
        "/me",
        r ->
            oauth
                .user(r)
                .map(u -> FakeResponse.json(200, u))
                .orElse(FakeResponse.json(401, Map.of("error", "invalid_token"))));
    return oauth;
  }

  /** The server the user names, remembered under {@code server} in the stored login. */
  private final ServerSource named =
      new ServerSource() {
        @Override
        public Server find(AuthorizeRequest request, HttpTransport transport) {
          return server(request.web().parameter("server").orElse(""));
        }

        @Override
        public void remember(Server server, ObjectNode extra) {
          extra.put("server", server.fact("name"));
        }

        @Override
        public Optional<Server> of(AuthRecord record, HttpTransport transport) {
          return Optional.ofNullable(Json.text(Json.parse(record.extraJson()), "server"))
              .map(this::server);
        }

        private Server server(String name) {
          FakeServer s = servers.get(name);
          if (s == null) {
            throw new BadRequestException("no such server");
          }
          return new Server(
              s.url().resolve("/authorize"),
              s.url().resolve("/token"),
              null,
              null,
              false,
              false,
              Map.of("name", name));
        }
      };

  /** Each server's own client, posting its secret. */
  private final ClientSource perServer =
      new ClientSource() {
        @Override
        public Client client(AuthorizeRequest request, Server server, HttpTransport transport) {
          return client(server);
        }

        @Override
        public void remember(Client client, ObjectNode extra) {
          extra.put("client_id", client.clientId());
        }

        @Override
        public Optional<Client> of(AuthRecord record, Server server, AuthStore store) {
          return Optional.of(client(server));
        }

        private Client client(Server server) {
          Credentials c = clients.get(server.fact("name"));
          return new Client(c.clientId(), ClientAuth.POST, c::clientSecret);
        }
      };

  /** The profile at the login's own server. */
  private final Identity profileAtTheServer =
      login -> {
        URI me = login.server().authorizationEndpoint().resolve("/me");
        JsonNode user = ProfileLoader.bearerGet("multi", me).load(login.transport(), login.token());
        return new Identity.Who(Json.text(user, "id"), user, null);
      };

  private OAuth2Site<AuthEntity> site() {
    return OAuth2Site.builder("multi", "MultiAuth")
        .button(Button.of("Multi", "#000", "#fff"))
        .servers(named)
        .clients(perServer)
        .identity(profileAtTheServer)
        .build();
  }

  private AuthEntity login(OAuth2Site<AuthEntity> site, String server) {
    app = TestApp.withTokensInFinish(store).mount(site);
    fakes.values().forEach(f -> f.registerRedirectUri(app.callbackUrl(site)));
    Browser browser = new Browser();
    Browser.Page consent = browser.post(app.url("/multi/start"), Map.of("server", server));
    assertThat(consent.url().getPort()).isEqualTo(servers.get(server).url().getPort());
    assertThat(consent.query()).containsEntry("client_id", clients.get(server).clientId());
    Browser.Page done = browser.click(consent, "Approve");
    return site.load(store, Key.fromUrlsafe(done.query().get("auth_entity"))).orElseThrow();
  }

  @Test
  void aLoginFinishesWithItsServerAndClientAndTheStoredLoginRemembersThem() {
    AuthEntity auth = login(site(), "b");

    assertThat(auth.key()).isEqualTo(new Key("MultiAuth", "user-at-b"));
    AuthRecord stored = store.get(auth.key()).orElseThrow();
    assertThat(Json.parse(stored.extraJson()))
        .isEqualTo(Json.parse("{\"server\":\"b\",\"client_id\":\"client-at-b\"}"));
    assertThat(((AccessToken.Bearer) stored.token()).value()).startsWith("tok_b_");
  }

  @Test
  void refreshFindsTheStoredLoginsServerAndClientAgain() {
    AuthEntity auth = login(site(), "a");
    AccessToken before = auth.accessToken();

    fakes.get("a").expireAccessTokens();
    assertThat(auth.get(serverA.url() + "/me").status()).isEqualTo(200);

    AccessToken after = store.get(auth.key()).orElseThrow().token();
    assertThat(after).isNotEqualTo(before);
    assertThat(((AccessToken.Bearer) after).value()).startsWith("tok_a_");
  }
}
