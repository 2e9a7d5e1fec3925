package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import io.switchboard.livekit.LivekitConnection;
import io.switchboard.livekit.LivekitSync;
import io.switchboard.livekit.SyncSettings;
import io.switchboard.routing.livekit.LivekitSyncService;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleDirect;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.ObjectMapper;

/**
 * LiveKit follows the routing table: each routed number gets a dispatch rule naming its agent with its metadata and a
 * place on Switchboard's trunk, through the routing API, the outbox, routing.entries and the sync, against the fake
 * LiveKit (the real SDK's requests, LiveKit's checks). What an operator made by hand is never touched.
 */
@RoutingServiceTest
class LivekitSyncIntegrationTests {
    private static final Duration SYNCED_WITHIN = Duration.ofSeconds(30);
    static final FakeLivekit livekit = SharedFakeLivekit.get();
    static SIPInboundTrunkInfo handTrunk;
    static SIPDispatchRuleInfo handRule;

    @Autowired
    WebTestClient client;

    @Autowired
    LivekitSyncService service;

    @Autowired
    ObjectMapper json;

    @Autowired
    KafkaProperties kafka;

    @BeforeAll
    static void anOperatorMadeATrunkAndARuleByHand() {
        handTrunk = livekit.handMadeTrunk(SIPInboundTrunkInfo.newBuilder().setName("carrier trunk (by hand)")
                .addNumbers("+14155550100").build());
        handRule = livekit.handMadeRule(SIPDispatchRuleInfo.newBuilder().setName("support line (by hand)")
                .addTrunkIds(handTrunk.getSipTrunkId()).setRule(SIPDispatchRule.newBuilder()
                        .setDispatchRuleDirect(SIPDispatchRuleDirect.newBuilder().setRoomName("support"))).build());
    }

    @AfterEach
    void handMadeThingsAreUntouchedAndLivekitRefusedNothing() {
        livekit.comeBack();
        assertThat(livekit.trunks()).contains(handTrunk);
        assertThat(livekit.rules()).contains(handRule);
        assertThat(service.sync().refusedChanges()).as("changes LiveKit refused (a number in two rules of a trunk...)").isZero();
    }

    RoutingApi api() {
        return new RoutingApi(client);
    }

    @Test
    void aNewNumbersRuleNamesItsAgentWithItsMetadataAndACallReachesThatAgent() {
        String agentName = RoutingApi.unique("sales");
        api().agent(agentName);
        String tenant = api().tenant(null);
        String campaign = api().campaign(tenant, agentName);
        String number = api().numbers(1, tenant, campaign).getFirst();

        SIPDispatchRuleInfo rule = awaitRule(number, r -> agentOf(r).equals(agentName));
        assertThat(rule.getNumbersList()).contains(number);
        assertThat(rule.getRule().getDispatchRuleIndividual().getRoomPrefix()).isEqualTo("call");
        assertThat(rule.getAttributesMap()).containsEntry("inbound", "true");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = json.readValue(rule.getRoomConfig().getAgents(0).getMetadata(), Map.class);
        assertThat(metadata).containsEntry("tenant_id", tenant).containsEntry("campaign_id", campaign)
                .containsEntry("routing", "campaign").containsEntry("call_type", "inbound")
                .doesNotContainKeys("from_number", "to_number", "phone_number_id");
        SIPInboundTrunkInfo trunk = awaitTrunkListing(number);
        assertThat(rule.getTrunkIdsList()).containsExactly(trunk.getSipTrunkId());
        assertThat(trunk.getAllowedAddressesList()).containsExactlyInAnyOrder("192.0.2.0/24", "198.51.100.7");

        Optional<FakeLivekit.InboundCall> call = livekit.inboundCall(number, "+15550001111");
        assertThat(call).isPresent();
        assertThat(call.get().ruleId()).isEqualTo(rule.getSipDispatchRuleId());
        assertThat(call.get().dispatches()).singleElement().satisfies(d -> assertThat(d.getAgentName()).isEqualTo(agentName));
    }

    @Test
    void aCampaignsNewAgentReachesEveryRuleAndRemovedNumbersLoseTheirsAndTheirTrunkPlace() {
        RoutingApi.TwoAgentCampaign setup = api().twoAgentCampaign();
        String first = setup.first();
        String second = setup.second();
        String tenant = setup.tenant();
        String campaign = setup.campaign();
        List<String> numbers = api().numbers(3, tenant, campaign);
        numbers.forEach(n -> awaitRule(n, r -> agentOf(r).equals(first)));

        api().put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", second)).expectStatus().isOk();
        numbers.forEach(n -> awaitRule(n, r -> agentOf(r).equals(second)));
        await().atMost(SYNCED_WITHIN).until(() -> livekit.rules().stream().noneMatch(r -> agentOf(r).equals(first)));

        String deleted = RoutingApi.freshNationalNumber();
        String deletedId = api().number(deleted, tenant, campaign);
        String deactivated = RoutingApi.freshNationalNumber();
        String deactivatedId = api().number(deactivated, tenant, campaign);
        List<String> gone = List.of(RoutingApi.e164(deleted), RoutingApi.e164(deactivated));
        gone.forEach(n -> awaitTrunkListing(n));
        api().delete("/api/v1/phone-numbers/" + deletedId).expectStatus().isNoContent();
        api().put("/api/v1/phone-numbers/" + deactivatedId, Map.of("number", deactivated, "tenant_id", tenant,
                "active", false)).expectStatus().isOk();

        await().atMost(SYNCED_WITHIN).untilAsserted(() -> gone.forEach(n -> {
            assertThat(rulesFor(n)).isEmpty();
            assertThat(livekit.trunks()).noneMatch(t -> t.getNumbersList().contains(n));
        }));
        assertThat(livekit.inboundCall(gone.getFirst(), "+15550001111")).isEmpty();
    }

    @Test
    void aWipedLivekitIsRebuiltByTheNextReconcile() {
        String tenant = api().tenant(null);
        List<String> numbers = api().numbers(5, tenant, null);
        numbers.forEach(n -> awaitRule(n, r -> agentOf(r).equals("telephony-agent")));

        livekit.wipe();
        handTrunk = livekit.handMadeTrunk(handTrunk);
        handRule = livekit.handMadeRule(handRule.toBuilder().clearTrunkIds().addTrunkIds(handTrunk.getSipTrunkId()).build());

        numbers.forEach(n -> {
            awaitRule(n, r -> agentOf(r).equals("telephony-agent"));
            awaitTrunkListing(n);
        });
    }

    @Test
    void livekitUnavailableForThirtySecondsWhileAThousandNumbersChangeLosesNothingAndEndsOnTheLatestEntries() {
        RoutingApi.TwoAgentCampaign setup = api().twoAgentCampaign();
        String first = setup.first();
        String second = setup.second();
        String tenant = setup.tenant();
        String campaign = setup.campaign();
        livekit.goAway();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String national = RoutingApi.freshNationalNumber();
            rows.add(Map.of("number", national, "tenant_id", tenant, "campaign_id", campaign));
            numbers.add(RoutingApi.e164(national));
        }
        api().post("/api/v1/phone-numbers:bulk", Map.of("numbers", rows)).expectStatus().isCreated();
        api().put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", second)).expectStatus().isOk();
        RoutingTopic.awaitEntries(numbers, e -> e != null && e.getAgentName().equals(second));
        // LiveKit stays away until the sync has failed to reach it for 30 s with the changes pending
        await().atMost(Duration.ofSeconds(90)).until(() -> service.sync().pendingChanges() > 0
                && service.sync().unavailableFor().compareTo(Duration.ofSeconds(30)) >= 0);

        livekit.comeBack();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, String> agents = new HashMap<>();
            livekit.rules().forEach(r -> r.getNumbersList().forEach(n -> agents.put(n, agentOf(r))));
            assertThat(numbers).allSatisfy(n -> assertThat(agents.get(n)).isEqualTo(second));
        });
        assertThat(numbers).allSatisfy(n -> assertThat(rulesFor(n)).hasSize(1));
        // one rule per partition for the whole campaign, not one per number: LiveKit reads every rule on every call
        assertThat(livekit.rules().stream().filter(r -> agentOf(r).equals(second)).count()).isLessThanOrEqualTo(6);
        assertThat(livekit.rules()).noneMatch(r -> agentOf(r).equals(first));
    }

    @Test
    void twoInstancesShareThePartitionsAndEveryRuleStillHasOneWriter() {
        String agent = RoutingApi.unique("agent");
        api().agent(agent);
        String tenant = api().tenant(null);
        String campaign = api().campaign(tenant, agent);
        var settings = new SyncSettings("", "call", "telephony-agent", Duration.ofSeconds(5), Duration.ofSeconds(5));
        long deletesBefore = deletes();
        try (LivekitSync second = new LivekitSync(kafka.buildConsumerProperties(), Topics.LIVEKIT_SYNC_GROUP,
                new LivekitConnection(livekit.url(), SharedFakeLivekit.API_KEY, SharedFakeLivekit.API_SECRET,
                        Duration.ofSeconds(5)), settings)) {
            second.start();
            await().atMost(SYNCED_WITHIN).until(() -> second.apiCalls() > 0); // it owns partitions and has listed LiveKit
            List<String> numbers = api().numbers(12, tenant, campaign);
            numbers.forEach(n -> awaitRule(n, r -> agentOf(r).equals(agent)));
            numbers.forEach(n -> awaitTrunkListing(n));
            assertThat(numbers).allSatisfy(n -> assertThat(rulesFor(n)).hasSize(1));
            assertThat(second.refusedChanges()).isZero();
            // both reconcile (every 5 s here) at least once more: neither deletes what the other owns
            long lists = livekit.calls("SIP/ListSIPDispatchRule");
            await().atMost(SYNCED_WITHIN).until(() -> livekit.calls("SIP/ListSIPDispatchRule") >= lists + 4);
            assertThat(deletes()).as("rules and trunks deleted while two instances shared the work").isEqualTo(deletesBefore);
        }
        // its partitions go back to the service's sync
        List<String> more = api().numbers(6, tenant, campaign);
        more.forEach(n -> awaitRule(n, r -> agentOf(r).equals(agent)));
        assertThat(more).allSatisfy(n -> assertThat(rulesFor(n)).hasSize(1));
    }

    private static long deletes() {
        return livekit.calls("SIP/DeleteSIPDispatchRule") + livekit.calls("SIP/DeleteSIPTrunk");
    }

    private static SIPDispatchRuleInfo awaitRule(String number, java.util.function.Predicate<SIPDispatchRuleInfo> ok) {
        return await().atMost(SYNCED_WITHIN).until(() -> rulesFor(number).stream().filter(ok).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static SIPInboundTrunkInfo awaitTrunkListing(String number) {
        return await().atMost(SYNCED_WITHIN).until(() -> livekit.trunks().stream()
                .filter(t -> t.getName().startsWith("switchboard/") && t.getNumbersList().contains(number)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private static List<SIPDispatchRuleInfo> rulesFor(String number) {
        return livekit.rules().stream().filter(r -> r.getNumbersList().contains(number)).toList();
    }

    private static String agentOf(SIPDispatchRuleInfo rule) {
        return rule.getRoomConfig().getAgentsCount() == 0 ? "" : rule.getRoomConfig().getAgents(0).getAgentName();
    }
}
