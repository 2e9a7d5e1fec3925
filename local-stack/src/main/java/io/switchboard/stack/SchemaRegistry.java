package io.switchboard.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Apicurio Registry (Confluent-compatible API at /apis/ccompat/v7) as a child JVM, storing in PostgreSQL. */
final class SchemaRegistry implements AutoCloseable {
    // generous: a restart under load on two loaded cores (the chaos run) has taken 39 s
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final ManagedProcess process;
    private final String url;

    private SchemaRegistry(ManagedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    static SchemaRegistry start(Path home, Path dataDir, int port, PostgresServer postgres) throws IOException {
        Path jar = StackHome.require(home.resolve("stack-dist/target/apicurio-registry/quarkus-run.jar"),
                "build the project first");
        String datasource = postgres.jdbcUrl() + (postgres.jdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema=" + PostgresServer.REGISTRY_SCHEMA;
        List<String> command = StackHome.javaCommand(dataDir, "-Xms128m", "-Xmx512m",
                "-Dquarkus.http.host=" + Ports.LOOPBACK,
                "-Dquarkus.http.port=" + port,
                // The management interface is built in; keep it on loopback and off any fixed port.
                "-Dquarkus.management.host=" + Ports.LOOPBACK,
                "-Dquarkus.management.port=" + Ports.free(),
                "-Dquarkus.log.console.json=false",
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=postgresql",
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=10",
                "-jar", jar.toString());
        // Credentials travel in the environment, not on a command line that `ps` shows.
        Map<String, String> env = Map.of(
                "APICURIO_DATASOURCE_URL", datasource,
                "APICURIO_DATASOURCE_USERNAME", postgres.user(),
                "APICURIO_DATASOURCE_PASSWORD", postgres.password());
        ManagedProcess process = ManagedProcess.start("schema-registry", command, env,
                dataDir.resolve("logs/schema-registry.log"));
        String url = "http://" + Ports.LOOPBACK + ":" + port;
        RegistryClient client = new RegistryClient(url);
        process.closeOnFailure(() -> Await.ready("schema registry on " + url, process, READY_TIMEOUT, client::isUp));
        return new SchemaRegistry(process, url);
    }

    String url() {
        return url;
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
