package io.switchboard.routing;

import static io.switchboard.routing.RoutingTopic.awaitEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What routing.entries shows when a change does not go through as asked: an inactive tenant or agent, and a
 * change that was rolled back.
 */
@RoutingServiceTest
class RoutingFallbackIntegrationTests {
    @Autowired
    WebTestClient client;

    RoutingApi api() {
        return new RoutingApi(client);
    }

    @Test
    void aBulkImportThatIsRolledBackPublishesNothing() {
        String tenant = api().tenant(null);
        String existing = RoutingApi.freshNationalNumber();
        api().number(existing, tenant, null);
        String first = RoutingApi.freshNationalNumber();
        String second = RoutingApi.freshNationalNumber();
        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", List.of(
                Map.of("number", first, "tenant_id", tenant, "provider", "twilio"),
                Map.of("number", second, "tenant_id", tenant, "provider", "twilio"),
                Map.of("number", existing, "tenant_id", tenant, "provider", "twilio"))))
                .expectStatus().isEqualTo(409);

        // a change made after it is published; the relay publishes in commit order, so by then a record of the
        // rolled-back rows would be on the topic too
        List<String> later = api().numbers(1, tenant, null);
        awaitEntries(later, e -> e != null);
        assertThat(RoutingTopic.latest(List.of(RoutingApi.e164(first), RoutingApi.e164(second)))).isEmpty();
    }

    @Test
    void anInactiveTenantsNumbersAreRemoved() {
        String tenant = api().tenant(null);
        List<String> numbers = api().numbers(2, tenant, null);
        awaitEntries(numbers, e -> e != null);

        api().put("/api/v1/tenants/" + tenant, Map.of("name", RoutingApi.unique("tenant"), "active", false))
                .expectStatus().isOk();

        awaitEntries(numbers, e -> e == null);
    }

    @Test
    void anInactiveCampaignAgentFallsBackToTheTenantDefault() {
        String tenantAgent = RoutingApi.unique("agent");
        String campaignAgent = RoutingApi.unique("agent");
        api().agent(tenantAgent);
        String campaignAgentId = api().agent(campaignAgent);
        String tenant = api().tenant(tenantAgent);
        List<String> numbers = api().numbers(1, tenant, api().campaign(tenant, campaignAgent));
        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(campaignAgent));

        api().put("/api/v1/agents/" + campaignAgentId, Map.of("name", campaignAgent, "active", false))
                .expectStatus().isOk();

        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(tenantAgent)
                && e.getRoutingRule().equals("tenant_default"));
    }
}
