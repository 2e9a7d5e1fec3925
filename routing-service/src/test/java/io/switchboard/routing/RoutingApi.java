package io.switchboard.routing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Admin calls against routing-service, with names and numbers unique to the test run. */
final class RoutingApi {
    static final String TOKEN = io.switchboard.stack.testing.SharedStackInitializer.ADMIN_TOKEN;
    private static final AtomicLong NEXT = new AtomicLong(1_000_000 + (System.nanoTime() & 0xFFFFF) * 7);

    private final WebTestClient client;

    RoutingApi(WebTestClient client) {
        this.client = client;
    }

    /** A fresh number in the 858 area, in national form: the service must normalise it. */
    static String freshNationalNumber() {
        long n = NEXT.incrementAndGet() % 10_000_000;
        return "(858) " + String.format("%07d", n).substring(0, 3) + "-" + String.format("%07d", n).substring(3);
    }

    static String e164(String national) {
        return "+1" + national.replaceAll("[^0-9]", "");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    WebTestClient.ResponseSpec post(String path, Object body) {
        return client.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec put(String path, Object body) {
        return client.put().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec delete(String path) {
        return client.delete().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).exchange();
    }

    WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN).exchange();
    }

    /** POSTs and returns the created resource's id. */
    String create(String path, Map<String, Object> body) {
        Map<?, ?> created = post(path, body).expectStatus().isCreated().expectBody(Map.class).returnResult()
                .getResponseBody();
        return (String) created.get("id");
    }

    String agent(String name) {
        return create("/api/v1/agents", Map.of("name", name));
    }

    String tenant(String defaultAgent) {
        return create("/api/v1/tenants", defaultAgent == null ? Map.of("name", unique("tenant"))
                : Map.of("name", unique("tenant"), "default_agent", defaultAgent));
    }

    String campaign(String tenantId, String agentName) {
        return create("/api/v1/campaigns", Map.of("tenant_id", tenantId, "name", unique("campaign"),
                "agent_name", agentName));
    }

    /** {@code count} new numbers of the tenant (and campaign, unless null), as E.164. */
    java.util.List<String> numbers(int count, String tenantId, String campaignId) {
        java.util.List<String> e164s = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String national = freshNationalNumber();
            number(national, tenantId, campaignId);
            e164s.add(e164(national));
        }
        return e164s;
    }

    /** A new tenant whose new campaign answers with agent {@code first}; {@code second} exists too, to move it to. */
    record TwoAgentCampaign(String tenant, String campaign, String first, String second) {
    }

    TwoAgentCampaign twoAgentCampaign() {
        String first = unique("agent");
        String second = unique("agent");
        agent(first);
        agent(second);
        String tenant = tenant(null);
        return new TwoAgentCampaign(tenant, campaign(tenant, first), first, second);
    }

    String number(String national, String tenantId, String campaignId) {
        return create("/api/v1/phone-numbers", campaignId == null
                ? Map.of("number", national, "tenant_id", tenantId, "provider", "twilio")
                : Map.of("number", national, "tenant_id", tenantId, "campaign_id", campaignId, "provider", "twilio"));
    }
}
