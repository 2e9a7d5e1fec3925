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

    @Autowired
    io.switchboard.calllog.api.CallLogReads reads;

    @Test
    void theReadApiHasItsOwnPoolAndEveryStatementATimeout() {
        org.assertj.core.api.Assertions.assertThat(setting(database, "statement_timeout")).isEqualTo("1min");
        org.assertj.core.api.Assertions.assertThat(setting(reads.db(), "statement_timeout")).isEqualTo("10s");
        org.assertj.core.api.Assertions.assertThat(setting(reads.db(), "application_name")).isEqualTo("calllog-api");
        org.assertj.core.api.Assertions.assertThat(setting(database, "application_name")).isNotEqualTo("calllog-api");
        org.assertj.core.api.Assertions.assertThat(setting(reads.db(), "search_path")).contains("calllog");
    }

    private static String setting(DatabaseClient db, String name) {
        return db.sql("SELECT current_setting('" + name + "') AS v").map(row -> row.get("v", String.class)).one().block();
    }

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ServiceProbes.assertLiveReadyAndScraped(client, "calllog-service");
        ServiceProbes.assertReadinessWaitsFor(healthGroups, "apiKeys");
    }
}
