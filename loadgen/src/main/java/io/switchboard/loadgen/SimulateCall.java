package io.switchboard.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Plays one call against a running local pipeline, as the edge and LiveKit would: sets up an agent, tenant, campaign,
 * outbound trunk and number through routing-service, then an inbound call (the signed sip-inbound and LiveKit's
 * participant_joined, participant_left and room_finished), a web call ({@code --web}: a token, then the browser's
 * join and departure) or a call out ({@code --outbound}: placed, answered by LiveKit, the callee's departure), and
 * prints the resulting call log. Web calls and calls out need LiveKit's API: {@code ./switchboard run --livekit-stand-in}.
 */
@Command(name = "simulate-call", mixinStandardHelpOptions = true)
public final class SimulateCall implements Callable<Integer> {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Option(names = "--routing", defaultValue = "http://127.0.0.1:8081") String routing;
    @Option(names = "--ingress", defaultValue = "http://127.0.0.1:8080") String ingress;
    @Option(names = "--calllog", defaultValue = "http://127.0.0.1:8082") String calllog;
    @Option(names = "--admin-token", defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN:-dev-admin-token}") String token;
    @Option(names = "--seconds", defaultValue = "42", description = "how long the caller talks") int talk;
    @Option(names = "--api-key", defaultValue = "${env:LIVEKIT_API_KEY:-devkey}") String apiKey;
    @Option(names = "--api-secret", defaultValue = "${env:LIVEKIT_API_SECRET:-secret}") String apiSecret;
    @Option(names = "--web", description = "a browser's call with a web-call token") boolean web;
    @Option(names = "--outbound", description = "a call out to --callee") boolean outbound;
    @Option(names = "--callee", defaultValue = "+15557654321", description = "whom --outbound calls") String callee;
    @Option(names = "--trunk", defaultValue = "ST_local_stand_in",
            description = "LiveKit's outbound trunk for --outbound (the stand-in's by default)") String trunk;

    public static void main(String[] args) {
        System.exit(io.switchboard.stack.cli.CommandLines.execute(new SimulateCall(), args));
    }

    @Override
    public Integer call() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String agent = "demo-agent-" + tag;
        String number = "+1858" + String.format("%07d", Math.abs(tag.hashCode()) % 10_000_000);
        String caller = "+15551234567";
        post(routing + "/api/v1/agents", "{\"name\":\"" + agent + "\"}", "Bearer " + token);
        String tenant = id(post(routing + "/api/v1/tenants", "{\"name\":\"Demo " + tag + "\"}", "Bearer " + token));
        String trunkId = id(post(routing + "/api/v1/sip-trunks", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"Demo\","
                + "\"livekit_trunk_id\":\"" + trunk + "\"}", "Bearer " + token));
        String campaign = id(post(routing + "/api/v1/campaigns", "{\"tenant_id\":\"" + tenant + "\",\"name\":\"Demo\","
                + "\"agent_name\":\"" + agent + "\",\"sip_trunk_id\":\"" + trunkId + "\"}", "Bearer " + token));
        post(routing + "/api/v1/phone-numbers", "{\"number\":\"" + number + "\",\"tenant_id\":\"" + tenant
                + "\",\"campaign_id\":\"" + campaign + "\",\"provider\":\"twilio\"}", "Bearer " + token);
        System.out.println("routing-service: " + number + " -> campaign agent " + agent);
        String tenantKey = post(routing + "/api/v1/api-keys", "{\"name\":\"demo " + tag + "\",\"tenant_id\":\"" + tenant
                + "\",\"role\":\"" + (web || outbound ? "admin" : "read") + "\"}", "Bearer " + token)
                .replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
        System.out.println("an API key for the tenant: " + tenantKey.substring(0, 12) + "...");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!post(ingress + "/api/v1/webhooks/test", "{\"to_number\":\"" + number + "\",\"from_number\":\"" + caller
                + "\"}", "Bearer " + token).contains(agent)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingress-service did not learn the number's routing within 30 s");
            }
            Thread.sleep(200);
        }
        if (web || outbound) {
            OtherFlows flows = new OtherFlows(this, tenantKey, tag);
            String id = web ? flows.web(number, tenant, agent) : flows.outbound(number, callee, campaign);
            return completed(id, tenantKey);
        }
        String callId = "SCL_demo_" + tag;
        String room = "call-_" + caller + "_" + tag;
        Instant start = Instant.now().minusSeconds(talk + 20L).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        System.out.println("sip-inbound answer: " + signed("/api/v1/webhooks/livekit/sip-inbound", "{\"call_id\":\"" + callId
                + "\",\"trunk_id\":\"ST_demo\",\"from_number\":\"" + caller + "\",\"to_number\":\"" + number
                + "\",\"room_name\":\"" + room + "\",\"timestamp\":\"" + start + "\"}"));
        String sip = "\"participant\":{\"identity\":\"sip_" + caller + "\", \"kind\":\"SIP\", \"attributes\":{\"sip.callID\":\""
                + callId + "\", \"sip.phoneNumber\":\"" + caller + "\", \"sip.trunkPhoneNumber\":\"" + number + "\"}%s}";
        String roomJson = "\"room\":{\"name\":\"" + room + "\"}";
        signed("/api/v1/webhooks/livekit/events", "{\"event\":\"participant_joined\", " + roomJson + ", " + sip.formatted("")
                + ", \"id\":\"EV_j" + tag + "\", \"createdAt\":\"" + (start.getEpochSecond() + 1) + "\"}");
        signed("/api/v1/webhooks/livekit/events", "{\"event\":\"participant_left\", " + roomJson + ", "
                + sip.formatted(", \"disconnectReason\":\"CLIENT_INITIATED\"") + ", \"id\":\"EV_l" + tag
                + "\", \"createdAt\":\"" + (start.getEpochSecond() + talk) + "\"}");
        signed("/api/v1/webhooks/livekit/events", "{\"event\":\"room_finished\", " + roomJson + ", \"id\":\"EV_f" + tag
                + "\", \"createdAt\":\"" + (start.getEpochSecond() + talk + 20) + "\"}");

        return completed(callId, tenantKey);
    }

    private int completed(String callId, String tenantKey) throws Exception {
        if (callLogWith(callId, tenantKey, "completed") == null) {
            System.err.println("the call log did not reach 'completed' within 30 s");
            return 1;
        }
        return 0;
    }

    /** The call log once its status is {@code status} (printed), or null after 30 s. */
    String callLogWith(String callId, String tenantKey, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> log = HTTP.send(HttpRequest.newBuilder(URI.create(calllog + "/api/v1/calls/" + callId))
                    .header("Authorization", "Bearer " + tenantKey).build(), HttpResponse.BodyHandlers.ofString());
            if (log.statusCode() == 200 && log.body().contains("\"status\":\"" + status + "\"")) {
                System.out.println("call log (read with the tenant's key): " + log.body());
                return log.body();
            }
            Thread.sleep(300);
        }
        return null;
    }

    String signed(String path, String body) throws Exception {
        return post(ingress + path, body, Requests.token(apiKey, apiSecret, body));
    }

    static String post(String url, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                url.endsWith("/events") ? "application/webhook+json" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        return json.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
