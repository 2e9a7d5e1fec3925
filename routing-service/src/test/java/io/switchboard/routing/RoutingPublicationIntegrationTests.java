package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static io.switchboard.routing.RoutingTopic.awaitEntries;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.RoutingEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What reaches routing.entries: the resolved entry of every affected number, iff its change committed. */
@RoutingServiceTest
class RoutingPublicationIntegrationTests {
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    FlakyPublisher publisher;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void relayWorksAgain() {
        publisher.mode(FlakyPublisher.Mode.WORKING);
    }

    RoutingApi api() {
        return new RoutingApi(client);
    }

    @Test
    void aCampaignsNewAgentReachesEveryOneOfItsNumbers() {
        RoutingApi.TwoAgentCampaign setup = api().twoAgentCampaign();
        String first = setup.first();
        String second = setup.second();
        String tenant = setup.tenant();
        String campaign = setup.campaign();
        List<String> numbers = api().numbers(3, tenant, campaign);
        String outsider = RoutingApi.freshNationalNumber();
        api().number(outsider, tenant, null);

        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(first) && e.getRoutingRule().equals("campaign"));
        awaitEntries(List.of(RoutingApi.e164(outsider)),
                e -> e != null && e.getAgentName().equals("telephony-agent") && e.getRoutingRule().equals("system_default"));
        long before = RoutingTopic.latest(numbers).get(numbers.getFirst()).getVersion();

        api().put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", second)).expectStatus().isOk();

        Map<String, RoutingEntry> latest = awaitEntries(numbers, e -> e != null && e.getAgentName().equals(second));
        assertThat(latest.values()).allSatisfy(e -> {
            assertThat(e.getVersion()).isGreaterThan(before);
            assertThat(e.getCampaignId()).isEqualTo(campaign);
            assertThat(e.getTenantId()).isEqualTo(tenant);
            assertThat(e.getProvider()).isEqualTo("TWILIO");
        });
    }

    @Test
    void aPausedCampaignsNumbersFallBackToTheTenantDefault() {
        String tenantAgent = RoutingApi.unique("agent");
        String campaignAgent = RoutingApi.unique("agent");
        api().agent(tenantAgent);
        api().agent(campaignAgent);
        String tenant = api().tenant(tenantAgent);
        String campaign = api().campaign(tenant, campaignAgent);
        List<String> numbers = api().numbers(1, tenant, campaign);
        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(campaignAgent));

        api().put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", campaignAgent, "status", "paused")).expectStatus().isOk();

        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(tenantAgent)
                && e.getRoutingRule().equals("tenant_default") && e.getTenantDefaultAgent().equals(tenantAgent));
    }

    @Test
    void aDeletedOrDeactivatedNumberLeavesATombstone() {
        String tenant = api().tenant(null);
        String deleted = RoutingApi.freshNationalNumber();
        String deactivated = RoutingApi.freshNationalNumber();
        String deletedId = api().number(deleted, tenant, null);
        String deactivatedId = api().number(deactivated, tenant, null);
        List<String> both = List.of(RoutingApi.e164(deleted), RoutingApi.e164(deactivated));
        awaitEntries(both, e -> e != null);

        api().delete("/api/v1/phone-numbers/" + deletedId).expectStatus().isNoContent();
        api().put("/api/v1/phone-numbers/" + deactivatedId, Map.of("number", deactivated, "tenant_id", tenant,
                "active", false)).expectStatus().isOk();

        Map<String, RoutingEntry> latest = awaitEntries(both, e -> e == null);
        assertThat(latest).containsOnlyKeys(both);
    }

    @Test
    void aRelayThatCannotPublishLosesNothingAndTheTopicEndsEqualToTheDatabase() {
        String first = RoutingApi.unique("agent");
        String second = RoutingApi.unique("agent");
        api().agent(first);
        api().agent(second);
        String tenant = api().tenant(null);
        publisher.mode(FlakyPublisher.Mode.FAILING);

        String campaign = api().campaign(tenant, first);
        List<String> numbers = api().numbers(6, tenant, campaign);
        api().put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", second)).expectStatus().isOk();
        awaitRelayFailures(2);
        assertThat(outboxRowsFor(numbers)).as("committed changes wait in the outbox").isGreaterThanOrEqualTo(6);
        assertThat(RoutingTopic.latest(numbers)).as("nothing published while the broker is unreachable").isEmpty();

        publisher.mode(FlakyPublisher.Mode.FAILING_HALF_WAY);
        awaitRelayFailures(2);
        publisher.mode(FlakyPublisher.Mode.WORKING);

        awaitEntries(numbers, e -> e != null && e.getAgentName().equals(second));
        await().atMost(PUBLISHED_WITHIN).until(() -> outboxRowsFor(numbers) == 0);
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, RoutingEntry> r : RoutingTopic.readAll()) {
            if (numbers.contains(r.key())) {
                versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getVersion());
            }
        }
        assertThat(versions.values()).as("a number's entries arrive in version order")
                .allSatisfy(v -> assertThat(v).isSorted());
    }

    @Test
    void republishingSendsEveryNumberAgainWithANewerVersion() {
        String tenant = api().tenant(null);
        List<String> numbers = api().numbers(2, tenant, null);
        Map<String, RoutingEntry> before = awaitEntries(numbers, e -> e != null);

        api().post("/api/v1/routing/republish", Map.of()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.queued").value(q -> assertThat(((Number) q).longValue()).isGreaterThanOrEqualTo(2));

        awaitEntries(numbers, e -> e != null && e.getVersion() > before.get(e.getPhoneNumber()).getVersion());
    }

    private void awaitRelayFailures(int more) {
        double start = meters.counter("switchboard.routing.relay.failures").count();
        await().atMost(PUBLISHED_WITHIN)
                .until(() -> meters.counter("switchboard.routing.relay.failures").count() >= start + more);
    }

    private long outboxRowsFor(List<String> numbers) {
        return db.sql("SELECT count(*) AS n FROM routing_outbox WHERE e164 = ANY(:numbers)")
                .bind("numbers", numbers.toArray(String[]::new)).map(row -> row.get("n", Long.class)).one().block();
    }
}
