package io.switchboard.stack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.stack.testing.DeploymentFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules hold together as their tools load them: the dashboard has
 * the fields Grafana's dashboard schema requires, with panels that fit its 24-column grid without overlapping and
 * queries that name the provisioned data source; each rule has what Prometheus requires. That each query names a
 * metric the services export is checked against running services (loadgen's LauncherWithServicesIntegrationTests).
 */
class DashboardUnitTests {
    private static final Set<String> PANEL_TYPES = Set.of("timeseries", "stat", "gauge", "table", "bargauge");

    @Test
    void theDashboardHasWhatGrafanasSchemaRequires() {
        JsonNode dashboard = DeploymentFiles.dashboard();
        assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("time").path("from").asText()).startsWith("now-");
        assertThat(dashboard.path("panels").isArray()).isTrue();
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void panelsHaveUniqueIdsKnownTypesAndDoNotOverlapOnTheGrid() {
        Set<Integer> ids = new HashSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : DeploymentFiles.dashboard().path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title).isTrue();
            assertThat(PANEL_TYPES).as(title).contains(panel.path("type").asText());
            JsonNode grid = panel.path("gridPos");
            int[] box = {grid.path("x").asInt(-1), grid.path("y").asInt(-1), grid.path("w").asInt(), grid.path("h").asInt()};
            assertThat(box[0]).as(title + " x").isBetween(0, 23);
            assertThat(box[0] + box[2]).as(title + " x + w").isBetween(1, 24);
            assertThat(box[1]).as(title + " y").isNotNegative();
            assertThat(box[3]).as(title + " h").isPositive();
            for (int[] other : boxes) {
                boolean apart = box[0] + box[2] <= other[0] || other[0] + other[2] <= box[0]
                        || box[1] + box[3] <= other[1] || other[1] + other[3] <= box[1];
                assertThat(apart).as(title + " overlaps another panel").isTrue();
            }
            boxes.add(box);
        }
    }

    @Test
    void everyQueryReadsTheProvisionedPrometheus() {
        Map<String, Object> datasources = DeploymentFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
        @SuppressWarnings("unchecked")
        String uid = ((Map<String, Object>) ((List<?>) datasources.get("datasources")).getFirst()).get("uid").toString();
        for (JsonNode panel : DeploymentFiles.dashboard().path("panels")) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo(uid);
                assertThat(target.path("expr").asText()).isNotBlank();
                assertThat(refIds.add(target.path("refId").asText())).as("unique refId").isTrue();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertRuleHasANameAnExpressionASeverityAndASummary() {
        List<Map<String, Object>> groups = (List<Map<String, Object>>) DeploymentFiles.yaml("deploy/prometheus/alerts.yml").get("groups");
        Set<String> alerts = new HashSet<>();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(alerts.add(rule.get("alert").toString())).as("unique alert name").isTrue();
                assertThat(rule.get("expr").toString()).isNotBlank();
                if (rule.containsKey("for")) {
                    assertThat(rule.get("for").toString()).matches("\\d+[smh]");
                }
                assertThat((Map<String, Object>) rule.get("labels")).containsKey("severity");
                assertThat((Map<String, Object>) rule.get("annotations")).containsKey("summary");
            }
        }
        assertThat(alerts).contains("SwitchboardSpoolOld", "SwitchboardConsumerLag", "SwitchboardDeadLetters",
                "SwitchboardRoutingTableStale");
    }

    @Test
    void theQueriesReadTheMetricsTheDashboardPromises() {
        assertThat(DeploymentFiles.metricsRead()).contains(
                "switchboard_ingress_calls_started_total", "switchboard_ingress_sip_inbound_seconds_bucket",
                "switchboard_ingress_spool_depth", "kafka_consumer_fetch_manager_records_lag",
                "switchboard_calllog_events_total", "switchboard_routing_outbox_depth",
                "switchboard_ingress_routing_lag");
    }
}
