package io.switchboard.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL for the stack: real binaries run embedded (owned and stopped by the stack), or an
 * external server given by JDBC URL (used, never stopped). Each service owns a schema in one database;
 * the registry keeps its tables in schema {@value #REGISTRY_SCHEMA}.
 */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "switchboard";
    static final String REGISTRY_SCHEMA = "registry";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private PostgresServer(EmbeddedPostgres embedded, String jdbcUrl, String user, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    static PostgresServer embedded(Path dataDir, int port, boolean fresh) throws IOException, SQLException {
        Path dir = dataDir.resolve("postgres");
        Files.createDirectories(dataDir.resolve("logs"));
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir)
                .setCleanDataDirectory(fresh)
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", Ports.LOOPBACK)
                // commit times let the load generator measure webhook answered -> row visible
                .setServerConfig("track_commit_timestamp", "on")
                .setServerConfig("shared_buffers", "512MB") // the default 128 MB is outgrown by a million calls
                // the embedded server's default is off: a commit the consumer has acknowledged to Kafka could then
                // be lost in a crash; here, as in production, a commit is on disk before it returns
                .setServerConfig("synchronous_commit", "on")
                // a drain writes gigabytes of WAL: checkpoints every 1 GB (the default) fill it with full-page images
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("logs/postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolve("logs/postgres.log").toFile()))
                .start();
        String base = "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/";
        try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // duplicate_database: kept from an earlier run
                pg.close();
                throw e;
            }
        }
        PostgresServer server = new PostgresServer(pg, base + DATABASE, "postgres", "");
        server.createRegistrySchema();
        return server;
    }

    static PostgresServer external(String jdbcUrl, String user, String password) throws SQLException {
        PostgresServer server = new PostgresServer(null, jdbcUrl, user, password);
        server.createRegistrySchema();
        return server;
    }

    private void createRegistrySchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + REGISTRY_SCHEMA);
        }
    }

    /** The embedded server's postmaster (its backends are its children). */
    ProcessHandle process() {
        return embedded.getProcess().toHandle();
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
