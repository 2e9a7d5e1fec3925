package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What every Switchboard service exposes to its operator: probes and Prometheus metrics. */
public final class ServiceProbes {
    private ServiceProbes() {
    }

    /** Readiness waits for each of these health indicators (a service's configuration lists them itself). */
    public static void assertReadinessWaitsFor(org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups groups,
                                               String... indicators) {
        var readiness = groups.get("readiness");
        for (String indicator : indicators) {
            assertThat(readiness.isMember(indicator)).as("readiness includes " + indicator).isTrue();
        }
    }

    public static void assertLiveReadyAndScraped(WebTestClient client, String serviceName) {
        client.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        String metrics = client.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN)
                .header("Authorization", Credentials.bearer(io.switchboard.stack.testing.SharedStackInitializer.ADMIN_TOKEN)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("# TYPE jvm_memory_used_bytes gauge")
                .containsPattern("jvm_memory_used_bytes\\{application=\"" + serviceName + "\",");
    }
}
