package io.switchboard.routing;

import static io.switchboard.routing.RoutingTopic.awaitEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Outbound trunks: a campaign's trunk, else its number's own, is the one that number's calls out go through, and the
 * number's routing entry names it while it is active; a trunk's change re-publishes the numbers that use it.
 */
@RoutingServiceTest
class OutboundTrunksIntegrationTests {
    @Autowired
    WebTestClient client;

    RoutingApi api() {
        return new RoutingApi(client);
    }

    String trunk(String tenant, String livekitId) {
        return api().create("/api/v1/sip-trunks", Map.of("tenant_id", tenant, "name", RoutingApi.unique("trunk"),
                "provider", "TWILIO", "livekit_trunk_id", livekitId));
    }

    @Test
    void aNumbersEntryNamesItsCampaignsTrunkElseItsOwnWhileActive() {
        String agent = RoutingApi.unique("agent");
        api().agent(agent);
        String tenant = api().tenant(null);
        String own = trunk(tenant, "ST_own" + RoutingApi.unique("x").substring(2));
        String campaigns = trunk(tenant, "ST_campaign");
        String campaign = api().create("/api/v1/campaigns", Map.of("tenant_id", tenant, "name", RoutingApi.unique("c"),
                "agent_name", agent, "sip_trunk_id", campaigns));
        String inCampaign = RoutingApi.freshNationalNumber();
        String alone = RoutingApi.freshNationalNumber();
        api().create("/api/v1/phone-numbers", number(inCampaign, tenant, campaign, own));
        String aloneId = api().create("/api/v1/phone-numbers", number(alone, tenant, null, own));
        String ownLivekitId = (String) api().get("/api/v1/sip-trunks/" + own).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("livekit_trunk_id");

        awaitEntries(List.of(RoutingApi.e164(inCampaign)), e -> e != null && "ST_campaign".equals(e.getOutboundTrunkId()));
        awaitEntries(List.of(RoutingApi.e164(alone)), e -> e != null && ownLivekitId.equals(e.getOutboundTrunkId()));

        api().put("/api/v1/sip-trunks/" + campaigns, Map.of("tenant_id", tenant, "name", "paused trunk",
                "livekit_trunk_id", "ST_campaign", "active", false)).expectStatus().isOk();
        awaitEntries(List.of(RoutingApi.e164(inCampaign)), e -> e != null && ownLivekitId.equals(e.getOutboundTrunkId()));

        api().delete("/api/v1/sip-trunks/" + own).expectStatus().isNoContent();
        awaitEntries(List.of(RoutingApi.e164(inCampaign), RoutingApi.e164(alone)),
                e -> e != null && e.getOutboundTrunkId() == null);
        api().get("/api/v1/phone-numbers/" + aloneId).expectStatus().isOk().expectBody()
                .jsonPath("$.sip_trunk_id").doesNotExist();
    }

    @Test
    void aTrunkOfAnotherTenantIsRefusedByName() {
        String mine = api().tenant(null);
        String theirs = api().tenant(null);
        String theirTrunk = trunk(theirs, "ST_theirs");
        api().post("/api/v1/campaigns", Map.of("tenant_id", mine, "name", RoutingApi.unique("c"), "sip_trunk_id", theirTrunk))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.message").value(m ->
                        assertThat((String) m).contains("sip_trunk_id"));
        api().post("/api/v1/phone-numbers", number(RoutingApi.freshNationalNumber(), mine, null, theirTrunk))
                .expectStatus().isEqualTo(422);
        api().post("/api/v1/sip-trunks", Map.of("tenant_id", mine, "name", "x", "livekit_trunk_id", "not an id!"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").value(m ->
                        assertThat((String) m).contains("livekit_trunk_id"));
    }

    private static Map<String, Object> number(String national, String tenant, String campaign, String trunk) {
        Map<String, Object> body = new HashMap<>(Map.of("number", national, "tenant_id", tenant, "sip_trunk_id", trunk));
        if (campaign != null) {
            body.put("campaign_id", campaign);
        }
        return body;
    }
}
