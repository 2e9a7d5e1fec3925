package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/** Bad input to the routing API: a 4xx in the JSON error shape naming what is wrong, and not one row changed. */
@RoutingServiceTest
class RoutingBadInputIntegrationTests {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TENANT = UUID.randomUUID().toString();

    @Autowired
    DatabaseClient db;

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "POST | /api/v1/agents            | {\"name\":                                  | 400 | malformed",
            "POST | /api/v1/agents            | {}                                          | 400 | 'name'",
            "POST | /api/v1/agents            | {\"name\":{\"a\":1}}                        | 400 | name",
            "POST | /api/v1/agents            | {\"name\":\"nul\\u0000agent\"}              | 400 | control character",
            "POST | /api/v1/agents            | {\"name\":\"LONG\"}                         | 400 | longer than 200",
            "POST | /api/v1/tenants           | {\"name\":\"t\",\"default_agent\":\"no-such-agent-x\"} | 422 | default_agent",
            "POST | /api/v1/campaigns         | {\"tenant_id\":\"not-a-uuid\",\"name\":\"c\"} | 400 | 'tenant_id'",
            "POST | /api/v1/campaigns         | {\"tenant_id\":\"TENANT\",\"name\":\"c\",\"max_concurrent\":0} | 400 | max_concurrent",
            "POST | /api/v1/phone-numbers     | {\"number\":\"hello\",\"tenant_id\":\"TENANT\"} | 400 | 'number'",
            "POST | /api/v1/phone-numbers     | {\"number\":\"+18585550100\",\"tenant_id\":\"TENANT\",\"provider\":\"PIGEON\"} | 400 | 'provider'",
            "POST | /api/v1/phone-numbers     | {\"number\":\"+18585550100\",\"tenant_id\":\"TENANT\",\"agent_config\":{\"tts_voice\":\"a\\u0001\"}} | 400 | agent_config.tts_voice",
            "POST | /api/v1/phone-numbers:bulk | {\"numbers\":\"all\"}                        | 400 | numbers",
            "POST | /api/v1/api-keys          | {\"name\":\"k\",\"role\":\"root\"}          | 400 | 'role'",
            "POST | /api/v1/api-keys          | {\"name\":\"k\",\"role\":\"read\",\"tenant_id\":\"TENANT\"} | 422 | tenant_id",
            "PUT  | /api/v1/agents/not-a-uuid | {\"name\":\"x\"}                            | 400 | 'id'",
            "GET  | /api/v1/tenants?size=0    |                                             | 400 | 'size'",
            "GET  | /api/v1/tenants?page=1000&size=500 |                                    | 400 | 'page'",
            "GET  | /api/v1/phone-numbers?tenant_id=x |                                     | 400 | 'tenant_id'",
            "DELETE | /api/v1/campaigns/00000000-0000-0000-0000-000000000000 |             | 404 | does not exist",
            "POST | /api/v1//agents           | {\"name\":\"double-slash\"}                 | 400 | '//'",
            "POST | /api/v1/agents;x=1        | {\"name\":\"params\"}                       | 400 | ';'"})
    void isRefusedAndChangesNothing(String method, String path, String body, int status, String named) throws Exception {
        long before = rows();
        String json = body == null ? "" : body.replace("TENANT", TENANT).replace("LONG", "x".repeat(201));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + RoutingApi.TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).matches("(?s)\\{\"error\":\"[a-z_]+\",\"message\":\".+\"\\}").contains(named);
        assertThat(rows()).as("rows").isEqualTo(before);
    }

    private long rows() {
        return db.sql("SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM tenants) + (SELECT count(*) FROM campaigns)"
                + " + (SELECT count(*) FROM phone_numbers) + (SELECT count(*) FROM api_keys) AS n")
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
