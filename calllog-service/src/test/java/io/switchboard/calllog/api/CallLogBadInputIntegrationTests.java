package io.switchboard.calllog.api;

import io.switchboard.platform.Credentials;
import io.switchboard.platform.ServiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad queries to the call-log API: a 4xx in the JSON error shape naming the parameter. */
@ServiceIntegrationTest
class CallLogBadInputIntegrationTests {
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/call-logs?status=exploded          | 400 | 'status'",
            "/api/v1/call-logs?from=yesterday           | 400 | 'from'",
            "/api/v1/call-logs?to=2026-13-01T00:00:00Z  | 400 | 'to'",
            "/api/v1/call-logs?size=0                   | 400 | 'size'",
            "/api/v1/call-logs?size=501                 | 400 | 'size'",
            "/api/v1/call-logs?page=-1                  | 400 | 'page'",
            "/api/v1/call-logs?page=400&size=500        | 400 | 'page'",
            "/api/v1/call-logs?page=x                   | 400 | page",
            "/api/v1/leads?status=lost                  | 400 | 'status'",
            "/api/v1/call-logs/no-such-call             | 404 | no-such-call",
            "/api/v1/call-logs;x=1                      | 400 | ';'",
            "/api/v1/%2e%2e/actuator/env                | 400 | encoded"})
    void isRefusedWithItsReason(String path, int status, String named) throws Exception {
        var answer = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", Credentials.bearer(io.switchboard.stack.testing.SharedStackInitializer.ADMIN_TOKEN)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(answer.body())
                .matches("(?s)\\{\"error\":\"[a-z_]+\",\"message\":\".+\"\\}").contains(named);
    }
}
