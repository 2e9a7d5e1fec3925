package io.switchboard.routing;

import io.switchboard.platform.SchemaMigrations;
import io.switchboard.platform.ServiceProbes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The routing-service starts on the shared stack, migrates its own schema and reports itself healthy. */
@RoutingServiceTest
class RoutingApplicationIntegrationTests {
    @Autowired
    org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups healthGroups;


    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void migratesItsOwnSchemaAndWorksInIt() {
        SchemaMigrations.assertMigrated(database, "routing", "agents", "campaigns", "phone_numbers", "tenants");
    }

    @Test
    void describesItsApiInOpenApi() {
        client.get().uri("/v3/api-docs").header("Authorization", "Bearer " + RoutingApi.TOKEN).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").exists()
                .jsonPath("$.paths['/api/v1/phone-numbers:bulk'].post").exists()
                .jsonPath("$.paths['/api/v1/campaigns/{id}'].put").exists()
                .jsonPath("$.paths['/api/v1/routing/republish'].post").exists()
                .jsonPath("$.paths['/api/v1/api-keys'].post").exists()
                .jsonPath("$.paths['/api/v1/tenants'].get.parameters[?(@.name == 'caller')]").doesNotExist()
                .jsonPath("$.components.securitySchemes.apiKey.scheme").isEqualTo("bearer");
        client.get().uri("/swagger-ui.html").header("Authorization", "Bearer " + RoutingApi.TOKEN).exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ServiceProbes.assertLiveReadyAndScraped(client, "routing-service");
        ServiceProbes.assertReadinessWaitsFor(healthGroups, "apiKeys");
    }
}
