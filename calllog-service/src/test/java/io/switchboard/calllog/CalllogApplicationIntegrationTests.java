package io.switchboard.calllog;

import io.switchboard.platform.SchemaMigrations;
import io.switchboard.platform.ServiceIntegrationTest;
import io.switchboard.platform.ServiceProbes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The calllog-service starts on the shared stack, migrates its own schema and reports itself healthy. */
@ServiceIntegrationTest
class CalllogApplicationIntegrationTests {
    @Autowired
    org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups healthGroups;


    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void migratesItsOwnSchemaAndWorksInIt() {
        SchemaMigrations.assertMigrated(database, "calllog", "call_logs", "leads", "room_endings");
    }

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ServiceProbes.assertLiveReadyAndScraped(client, "calllog-service");
        ServiceProbes.assertReadinessWaitsFor(healthGroups, "apiKeys");
    }
}
