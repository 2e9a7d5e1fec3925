package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.ApiKey;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Who may read and change the routing data: API keys scoped to a tenant or to all, read-only or admin. */
@RoutingServiceTest
class RoutingAccessIntegrationTests {
    private static final Duration USABLE_WITHIN = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    RoutingApi api() {
        return new RoutingApi(client);
    }

    /** Forms of a write path that a filter reading the raw path and the router reading the decoded one disagree on. */
    @ParameterizedTest
    @ValueSource(strings = {"/%61pi/v1/agents", "/api;x/v1/agents", "/api/v1;x/agents", "/api/v1/agents;x=1",
            "/api/v1/./agents", "/api/x/../v1/agents", "//api/v1/agents", "/api//v1/agents", "/api/v1/agents/",
            "/api/v1/%61gents", "/api%2Fv1/agents", "/api/v1/agents%3Bx", "/API/v1/agents", "/api/v1/agents%2e"})
    void noFormOfAPathWritesWithoutACredential(String rawPath) throws Exception {
        String name = RoutingApi.unique("bypass");
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(rawPath + " answered " + answer.body()).isIn(400, 401, 404);
        assertThat(answer.body()).contains("\"error\"");
        assertThat(db.sql("SELECT count(*) AS n FROM agents WHERE name = :name").bind("name", name)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    @Test
    void everythingButHealthNeedsACredential() {
        for (String path : new String[] {"/api/v1/agents", "/api/v1/tenants", "/api/v1/campaigns", "/api/v1/phone-numbers",
                "/api/v1/api-keys", "/v3/api-docs", "/actuator/prometheus", "/actuator/metrics", "/swagger-ui.html"}) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.error").isEqualTo("unauthorized");
        }
        client.get().uri("/api/v1/agents").header(HttpHeaders.AUTHORIZATION, "Bearer sbk_not_a_key").exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void aTenantsReadKeySeesOnlyItsOwnTenantAndChangesNothing() {
        String agent = api().agent(RoutingApi.unique("agent"));
        String mine = api().tenant(null);
        String theirs = api().tenant(null);
        String myCampaign = api().campaign(mine, agentName(agent));
        String theirCampaign = api().campaign(theirs, agentName(agent));
        String myNumber = api().number(RoutingApi.freshNationalNumber(), mine, myCampaign);
        String theirNumber = api().number(RoutingApi.freshNationalNumber(), theirs, theirCampaign);
        String key = issue(Map.of("name", "crm of tenant", "tenant_id", mine, "role", "read"));
        WebTestClient tenant = client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
        awaitUsable(tenant, "/api/v1/tenants/" + mine);

        tenant.get().uri("/api/v1/tenants?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(mine);
        tenant.get().uri("/api/v1/tenants/" + theirs).exchange().expectStatus().isNotFound();
        tenant.get().uri("/api/v1/campaigns?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].tenant_id").value(ids -> assertThat((Iterable<Object>) ids).containsOnly(mine));
        tenant.get().uri("/api/v1/campaigns/" + myCampaign).exchange().expectStatus().isOk();
        tenant.get().uri("/api/v1/campaigns/" + theirCampaign).exchange().expectStatus().isNotFound();
        tenant.get().uri("/api/v1/campaigns?tenant_id=" + theirs).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("forbidden");
        tenant.get().uri("/api/v1/phone-numbers?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].tenant_id").value(ids -> assertThat((Iterable<Object>) ids).containsOnly(mine));
        tenant.get().uri("/api/v1/phone-numbers/" + myNumber).exchange().expectStatus().isOk();
        tenant.get().uri("/api/v1/phone-numbers/" + theirNumber).exchange().expectStatus().isNotFound();
        tenant.get().uri("/api/v1/phone-numbers?tenant_id=" + theirs).exchange().expectStatus().isForbidden();
        tenant.get().uri("/api/v1/api-keys?size=500").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].tenant_id").value(ids -> assertThat((Iterable<Object>) ids).containsOnly(mine));
        tenant.get().uri("/actuator/prometheus").exchange().expectStatus().isForbidden();

        tenant.post().uri("/api/v1/agents").bodyValue(Map.of("name", RoutingApi.unique("agent"))).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.message").value(m ->
                        assertThat((String) m).contains("read-only"));
        tenant.delete().uri("/api/v1/phone-numbers/" + myNumber).exchange().expectStatus().isForbidden();
        api().get("/api/v1/phone-numbers/" + myNumber).expectStatus().isOk();
    }

    @Test
    void anAdminKeyForAllTenantsReplacesTheTokenAndARevokedKeyStopsWorking() {
        String key = issue(Map.of("name", "operator", "role", "admin"));
        WebTestClient operator = client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + key).build();
        awaitUsable(operator, "/api/v1/agents");

        operator.post().uri("/api/v1/agents").bodyValue(Map.of("name", RoutingApi.unique("agent"))).exchange()
                .expectStatus().isCreated();
        operator.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        String listed = operator.get().uri("/api/v1/api-keys?size=500").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String id = keyId(key);
        assertThat(listed).as("a key's secret is never shown again").contains(id).doesNotContain(key.substring(37));

        api().delete("/api/v1/api-keys/" + id).expectStatus().isNoContent();
        await().atMost(USABLE_WITHIN).untilAsserted(() ->
                operator.get().uri("/api/v1/agents").exchange().expectStatus().isUnauthorized());
        api().get("/api/v1/api-keys/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.revoked_at").exists().jsonPath("$.key").doesNotExist();
    }

    @Test
    void aTenantWithALiveKeyCannotBeDeletedAndOneWhoseKeysAreRevokedCan() {
        String tenant = api().tenant(null);
        String id = keyId(issue(Map.of("name", "crm", "tenant_id", tenant, "role", "read")));
        api().delete("/api/v1/tenants/" + tenant).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("API keys"));

        api().delete("/api/v1/api-keys/" + id).expectStatus().isNoContent();
        // once the revocation is published, the key's row goes with its tenant
        await().atMost(USABLE_WITHIN).untilAsserted(() -> api().delete("/api/v1/tenants/" + tenant)
                .expectStatus().isNoContent());
        api().get("/api/v1/tenants/" + tenant).expectStatus().isNotFound();
        assertThat(TopicReader.readAll(Topics.API_KEYS).stream().filter(r -> r.key().equals(id)).reduce((a, b) -> b)
                .orElseThrow().value()).as("the key's last record is its tombstone").isNull();
    }

    @Test
    void keysAreKeptAndPublishedOnlyAsAHashOfTheirSecret() {
        String key = issue(Map.of("name", "hashed", "role", "read"));
        String id = keyId(key);
        byte[] stored = db.sql("SELECT secret_sha256 FROM api_keys WHERE id = CAST(:id AS uuid)").bind("id", id)
                .map(row -> row.get(0, byte[].class)).one().block();
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key.substring(37));

        await().atMost(USABLE_WITHIN).until(() -> TopicReader.readAll(Topics.API_KEYS).stream()
                .anyMatch(r -> r.key().equals(id) && r.value() != null));
        ApiKey published = TopicReader.readAll(Topics.API_KEYS).stream().filter(r -> r.key().equals(id))
                .reduce((a, b) -> b).orElseThrow().value();
        assertThat(published.getRole()).isEqualTo("read");
        assertThat(published.getTenantId()).isNull();
        assertThat(published.toString()).doesNotContain(key.substring(37));
    }

    @Test
    void aKeyIsRefusedForAnUnknownTenantOrRole() {
        api().post("/api/v1/api-keys", Map.of("name", "x", "role", "owner")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("role"));
        api().post("/api/v1/api-keys", Map.of("name", "x", "role", "read", "tenant_id", java.util.UUID.randomUUID().toString()))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.message").value(m ->
                        assertThat((String) m).contains("tenant_id"));
    }

    private String issue(Map<String, Object> body) {
        Map<?, ?> created = api().post("/api/v1/api-keys", body).expectStatus().isCreated().expectBody(Map.class)
                .returnResult().getResponseBody();
        String key = (String) created.get("key");
        assertThat(key).startsWith("sbk_");
        assertThat(keyId(key)).isEqualTo(created.get("id"));
        return key;
    }

    private static String keyId(String key) {
        return io.switchboard.platform.access.ApiKeys.keyId(key).orElseThrow();
    }

    private String agentName(String agentId) {
        return (String) api().get("/api/v1/agents/" + agentId).expectBody(Map.class).returnResult().getResponseBody()
                .get("name");
    }

    private static void awaitUsable(WebTestClient as, String path) {
        await().atMost(USABLE_WITHIN).untilAsserted(() -> as.get().uri(path).exchange().expectStatus().isOk());
    }
}
