package io.switchboard.stack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.stack.testing.DeploymentFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docker-compose.yml as an operator depends on it, since no Docker engine runs here to try it: every image pinned
 * to an exact version, state on named volumes at the paths the images really write, a health check on every
 * long-running service, and start-up ordered by health rather than by process start where it matters.
 */
class ComposeFileUnitTests {
    private static final Map<String, Object> COMPOSE = DeploymentFiles.yaml("docker-compose.yml");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) COMPOSE.get("services");
    }

    @Test
    void everyImageIsPinnedToAnExactVersion() {
        services().forEach((name, service) -> {
            Object image = service.get("image");
            if (image == null) {
                assertThat(service).as(name + ": neither image nor build").containsKey("build");
                return;
            }
            String tag = image.toString().substring(image.toString().lastIndexOf(':') + 1);
            assertThat(image.toString()).as(name).contains(":");
            // major.minor.patch, optionally v-prefixed or with a variant (-alpine): never latest, 17, 7-alpine or v1.9;
            // PostgreSQL numbers its releases major.minor since version 10
            String exact = image.toString().startsWith("postgres:") ? "\\d+\\.\\d+" : "v?\\d+\\.\\d+\\.\\d+([-_][a-z0-9.]+)?";
            assertThat(tag).as(name + "'s image " + image).matches(exact);
        });
    }

    /** Each service that writes state, the path its image writes it to (the image's documentation, cited in the file). */
    @ParameterizedTest
    @CsvSource({
            "kafka, kafka-data, /var/lib/kafka/data",
            "postgres, postgres-data, /var/lib/postgresql/data",
            "redis, redis-data, /data",
            "ingress-service, ingress-spool, /var/lib/switchboard/spool",
            "prometheus, prometheus-data, /prometheus",
            "grafana, grafana-data, /var/lib/grafana"})
    @SuppressWarnings("unchecked")
    void stateLivesOnANamedVolumeWhereTheImageWritesIt(String service, String volume, String path) {
        assertThat((List<String>) services().get(service).get("volumes")).as(service).contains(volume + ":" + path);
        assertThat((Map<String, Object>) COMPOSE.get("volumes")).as("declared named volumes").containsKey(volume);
    }

    @Test
    void kafkaWritesItsLogsToTheVolumeNotToItsDefaultUnderTmp() {
        Map<?, ?> env = (Map<?, ?>) services().get("kafka").get("environment");
        assertThat(env.get("KAFKA_LOG_DIRS")).isEqualTo("/var/lib/kafka/data");
        assertThat(env.get("CLUSTER_ID")).as("a restarted broker must recognise its formatted log dirs").isNotNull();
    }

    @Test
    void theIngressImageSpoolsWhereTheVolumeIs() throws Exception {
        String dockerfile = java.nio.file.Files.readString(DeploymentFiles.root().resolve("Dockerfile"));
        assertThat(dockerfile).contains("ENV SWITCHBOARD_INGRESS_SPOOL_DIR=/var/lib/switchboard/spool")
                .contains("chown -R switchboard /var/lib/switchboard").contains("RUN deploy/image/build.sh /out")
                .contains("RUN /app/aot.sh /app \"${SERVICE}\"");
    }

    @Test
    void theDockerfilesBaseImagesArePinned() throws Exception {
        List<String> from = java.nio.file.Files.readAllLines(DeploymentFiles.root().resolve("Dockerfile")).stream()
                .filter(line -> line.startsWith("FROM ")).toList();
        assertThat(from).hasSize(3).allMatch(line -> line.matches("FROM eclipse-temurin:\\d+\\.\\d+\\.\\d+_\\d+-(jdk|jre) AS \\w+"));
    }

    @Test
    void everyLongRunningServiceHasAHealthCheck() {
        services().forEach((name, service) -> {
            boolean oneShot = "provision".equals(name);
            boolean livekit = name.startsWith("livekit"); // LiveKit's images ship no shell tools to probe with
            if (!oneShot && !livekit) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
    }

    @ParameterizedTest
    @CsvSource({
            "schema-registry, postgres, service_healthy",
            "provision, kafka, service_healthy",
            "provision, schema-registry, service_healthy",
            "routing-service, postgres, service_healthy",
            "routing-service, provision, service_completed_successfully",
            "ingress-service, provision, service_completed_successfully",
            "calllog-service, postgres, service_healthy",
            "calllog-service, provision, service_completed_successfully",
            "livekit, redis, service_healthy",
            "grafana, prometheus, service_healthy"})
    @SuppressWarnings("unchecked")
    void servicesWaitForWhatTheyNeed(String service, String dependency, String condition) {
        Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) services().get(service).get("depends_on");
        assertThat(dependsOn).as(service + " depends_on").containsKey(dependency);
        assertThat(dependsOn.get(dependency)).containsEntry("condition", condition);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusAndGrafanaAreProvisionedFromTheRepository() {
        assertThat((List<String>) services().get("prometheus").get("volumes")).contains(
                "./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                "./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat((List<String>) services().get("grafana").get("volumes")).contains(
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        Map<String, Object> prometheus = DeploymentFiles.yaml("deploy/prometheus/prometheus.yml");
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
    }
}
