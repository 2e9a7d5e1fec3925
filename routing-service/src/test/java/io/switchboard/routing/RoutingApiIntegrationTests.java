package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The REST API: CRUD, and every way a request can be wrong, in the spec's error shape. */
@RoutingServiceTest
class RoutingApiIntegrationTests {

    @Autowired
    WebTestClient client;

    RoutingApi api() {
        return new RoutingApi(client);
    }

    @Test
    void writesAndReadsNeedACredential() {
        client.post().uri("/api/v1/agents").bodyValue(Map.of("name", "x")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("unauthorized");
        client.post().uri("/api/v1/agents").header(HttpHeaders.AUTHORIZATION, "Bearer wrong")
                .bodyValue(Map.of("name", "x")).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.message").value(m ->
                        org.assertj.core.api.Assertions.assertThat((String) m).contains("not valid"));
        client.get().uri("/api/v1/agents").exchange().expectStatus().isUnauthorized();
        api().get("/api/v1/agents").expectStatus().isOk();
    }

    @Test
    void agentsAreCreatedReadListedRenamedAndDeleted() {
        String name = RoutingApi.unique("agent");
        String id = api().agent(name);

        api().get("/api/v1/agents/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo(name).jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.created_at").exists();
        api().get("/api/v1/agents?size=500").expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')].name").isEqualTo(name).jsonPath("$.total").isNumber();
        api().put("/api/v1/agents/" + id, Map.of("name", name + "-v2", "description", "renamed"))
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo(name + "-v2");
        api().post("/api/v1/agents", Map.of("name", name + "-v2")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("conflict");
        api().delete("/api/v1/agents/" + id).expectStatus().isNoContent();
        api().get("/api/v1/agents/" + id).expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("not_found");
    }

    @Test
    void anAgentInUseCannotBeDeleted() {
        String name = RoutingApi.unique("agent");
        String id = api().agent(name);
        api().tenant(name);
        api().delete("/api/v1/agents/" + id).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("tenants"));
    }

    @Test
    void referencesToWhatDoesNotExistAre422NamingTheField() {
        api().post("/api/v1/tenants", Map.of("name", RoutingApi.unique("t"), "default_agent", "no-such-agent"))
                .expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.error").isEqualTo("unknown_reference")
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("default_agent", "no-such-agent"));
        api().post("/api/v1/campaigns", Map.of("tenant_id", "00000000-0000-0000-0000-000000000000", "name", "c"))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("tenant_id"));

        String tenant = api().tenant(null);
        String otherTenant = api().tenant(null);
        String agent = RoutingApi.unique("agent");
        api().agent(agent);
        String othersCampaign = api().campaign(otherTenant, agent);
        api().post("/api/v1/phone-numbers", Map.of("number", RoutingApi.freshNationalNumber(), "tenant_id", tenant,
                        "campaign_id", othersCampaign))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("campaign_id"));
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() {
        String tenant = api().tenant(null);
        api().post("/api/v1/phone-numbers", Map.of("number", "not a number", "tenant_id", tenant))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("invalid_phone_number")
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("'number'"));
        api().post("/api/v1/phone-numbers", Map.of("tenant_id", tenant)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("missing_field")
                .jsonPath("$.message").isEqualTo("field 'number' is required");
        api().post("/api/v1/phone-numbers", Map.of("number", RoutingApi.freshNationalNumber(), "tenant_id", tenant,
                        "active", List.of("yes"))).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("invalid_field")
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("'active'"));
        api().post("/api/v1/phone-numbers", Map.of("number", RoutingApi.freshNationalNumber(), "tenant_id", tenant,
                "provider", "carrier-pigeon")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("'provider'", "TWILIO"));
        api().post("/api/v1/campaigns", Map.of("tenant_id", tenant, "name", "c", "status", "SLEEPING"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("'status'"));
        client.post().uri("/api/v1/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer " + RoutingApi.TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("malformed_json");
        client.post().uri("/api/v1/tenants").header(HttpHeaders.AUTHORIZATION, "Bearer " + RoutingApi.TOKEN)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("name").exchange()
                .expectStatus().isEqualTo(415).expectBody().jsonPath("$.error").isEqualTo("unsupported_media_type");
        api().get("/api/v1/tenants/not-a-uuid").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("field 'id' is not a UUID");
        api().get("/api/v1/phone-numbers?tenant_id=" + tenant).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void numbersAreStoredAsE164AndAreUnique() {
        String tenant = api().tenant(null);
        String national = RoutingApi.freshNationalNumber();
        String id = api().create("/api/v1/phone-numbers", Map.of("number", "+1 " + national, "tenant_id", tenant,
                "number_type", "toll_free", "agent_config", Map.of("tts_provider", "cartesia", "tts_voice", "sonic")));

        api().get("/api/v1/phone-numbers/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.number").isEqualTo(RoutingApi.e164(national))
                .jsonPath("$.number_type").isEqualTo("TOLL_FREE").jsonPath("$.provider").isEqualTo("OTHER")
                .jsonPath("$.agent_config.tts_voice").isEqualTo("sonic");
        api().post("/api/v1/phone-numbers", Map.of("number", "tel:" + RoutingApi.e164(national), "tenant_id", tenant))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.error").isEqualTo("conflict");

        String moved = RoutingApi.freshNationalNumber();
        api().put("/api/v1/phone-numbers/" + id, Map.of("number", moved, "tenant_id", tenant, "active", false))
                .expectStatus().isOk().expectBody().jsonPath("$.number").isEqualTo(RoutingApi.e164(moved))
                .jsonPath("$.active").isEqualTo(false).jsonPath("$.agent_config").doesNotExist();
        api().delete("/api/v1/phone-numbers/" + id).expectStatus().isNoContent();
        api().delete("/api/v1/phone-numbers/" + id).expectStatus().isNotFound();
    }

    @Test
    void aBulkImportIsAllOrNothingAndReportsEveryBadRow() {
        String tenant = api().tenant(null);
        String existing = RoutingApi.freshNationalNumber();
        api().number(existing, tenant, null);
        String fresh1 = RoutingApi.freshNationalNumber();
        String fresh2 = RoutingApi.freshNationalNumber();

        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", List.of(
                        Map.of("number", fresh1, "tenant_id", tenant),
                        Map.of("number", "12", "tenant_id", tenant),
                        Map.of("number", fresh2, "tenant_id", tenant, "number_type", "satellite"),
                        Map.of("number", "+1" + fresh1.replaceAll("[^0-9]", ""), "tenant_id", tenant))))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.error").isEqualTo("bulk_rejected")
                .jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[0].index").isEqualTo(1)
                .jsonPath("$.errors[1].index").isEqualTo(2)
                .jsonPath("$.errors[2].index").isEqualTo(3);

        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", List.of(
                        Map.of("number", fresh1, "tenant_id", tenant),
                        Map.of("number", existing, "tenant_id", tenant))))
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1).jsonPath("$.errors[0].index").isEqualTo(1);
        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", List.of(
                        Map.of("number", fresh1, "tenant_id", "00000000-0000-0000-0000-000000000000"))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.errors[0].error").isEqualTo("unknown_reference");
        api().get("/api/v1/phone-numbers?tenant_id=" + tenant).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);

        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", List.of(
                        Map.of("number", fresh1, "tenant_id", tenant), Map.of("number", fresh2, "tenant_id", tenant))))
                .expectStatus().isCreated().expectBody().jsonPath("$.imported").isEqualTo(2);
        api().get("/api/v1/phone-numbers?tenant_id=" + tenant).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(3).jsonPath("$.items[0].number").exists();
    }
}
