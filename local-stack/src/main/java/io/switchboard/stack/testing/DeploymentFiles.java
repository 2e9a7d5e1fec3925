package io.switchboard.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The repository's deployment files, read as their tools read them; shared with the running-stack check in loadgen. */
public final class DeploymentFiles {
    /** A metric name in a PromQL expression: ours, Kafka's clients', Spring's HTTP server. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:switchboard|kafka_consumer|http_server)_[a-z0-9_]+)\\b");

    private DeploymentFiles() {
    }

    /** The checkout's root, from any module's working directory. */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("docker-compose.yml"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String relative) {
        try {
            return (Map<String, Object>) new Yaml().load(Files.readString(root().resolve(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(root().resolve("deploy/grafana/dashboards/switchboard.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of the dashboard and the alert rules. */
    @SuppressWarnings("unchecked")
    public static Set<String> queries() {
        Set<String> queries = new TreeSet<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        for (Object group : (Iterable<Object>) yaml("deploy/prometheus/alerts.yml").get("groups")) {
            for (Object rule : (Iterable<Object>) ((Map<String, Object>) group).get("rules")) {
                queries.add(String.valueOf(((Map<String, Object>) rule).get("expr")));
            }
        }
        return queries;
    }

    /** The metric names (as exposed, with suffixes such as {@code _bucket}) the queries read. */
    public static Set<String> metricsRead() {
        Set<String> names = new TreeSet<>();
        for (String query : queries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
