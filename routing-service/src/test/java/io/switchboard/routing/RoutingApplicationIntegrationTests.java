package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.platform.ServiceProbes;
import io.switchboard.stack.SharedStackInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The routing-service starts on the shared stack, migrates its own schema and reports itself healthy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = SharedStackInitializer.class)
class RoutingApplicationIntegrationTests {

    @Autowired
    WebTestClient client;

    @Autowired
    DatabaseClient database;

    @Test
    void migratesItsOwnSchemaAndWorksInIt() {
        var tables = database.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'routing'")
                .map(row -> row.get("table_name", String.class)).all().collectList().block();
        assertThat(tables).contains("agents", "campaigns", "phone_numbers", "tenants", "flyway_schema_history");

        String searchPath = database.sql("SHOW search_path").map(row -> row.get(0, String.class)).one().block();
        assertThat(searchPath).as("R2DBC connections work in the service's schema").contains("routing");

        Boolean migrated = database.sql("SELECT bool_and(success) FROM routing.flyway_schema_history")
                .map(row -> row.get(0, Boolean.class)).one().block();
        assertThat(migrated).isTrue();
    }

    @Test
    void exposesProbesAndPrometheusMetrics() {
        ServiceProbes.assertLiveReadyAndScraped(client, "routing-service");
    }
}
