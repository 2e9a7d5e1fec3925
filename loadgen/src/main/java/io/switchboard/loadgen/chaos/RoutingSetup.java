package io.switchboard.loadgen.chaos;

import io.switchboard.stack.ChaosStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Routes the run's numbers through routing-service's API (one tenant, one campaign, one agent) and waits until the ingress knows the last one. */
final class RoutingSetup {
    static final String AGENT = "chaos-agent";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ChaosStack stack;

    RoutingSetup(ChaosStack stack) {
        this.stack = stack;
    }

    void create(int numbers) throws Exception {
        post(stack.routing(), "/api/v1/agents", "{\"name\":\"" + AGENT + "\"}");
        String tenant = id(post(stack.routing(), "/api/v1/tenants", "{\"name\":\"Chaos\"}"));
        String campaign = id(post(stack.routing(), "/api/v1/campaigns", "{\"tenant_id\":\"" + tenant
                + "\",\"name\":\"Chaos\",\"agent_name\":\"" + AGENT + "\"}"));
        for (int n = 0; n < numbers; n++) {
            post(stack.routing(), "/api/v1/phone-numbers", "{\"number\":\"" + ChaosCalls.number(n) + "\",\"tenant_id\":\""
                    + tenant + "\",\"campaign_id\":\"" + campaign + "\",\"provider\":\"twilio\"}");
        }
        String probe = "{\"to_number\":\"" + ChaosCalls.number(numbers - 1) + "\",\"from_number\":\"+15550000000\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!post(stack.ingress(), "/api/v1/webhooks/test", probe).contains("\"routing\":\"campaign\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingress did not learn the routing within 60 s");
            }
            Thread.sleep(200);
        }
    }

    private String post(URI service, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        return json.replaceAll(".*?\"id\":\"([^\"]+)\".*", "$1");
    }
}
