package io.switchboard.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Where a running stack's parts listen: what tests and services need to reach it. */
public record StackEndpoints(String kafkaBootstrapServers, String registryUrl, String jdbcUrl, String dbUser,
                             String dbPassword) {

    /** The same database as {@link #jdbcUrl()}, for R2DBC. */
    public String r2dbcUrl() {
        return jdbcUrl.replaceFirst("^jdbc:", "r2dbc:");
    }

    public void writeTo(Path file, long launcherPid, long ownerPid) throws IOException {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        p.setProperty("registry.url", registryUrl);
        p.setProperty("postgres.jdbc-url", jdbcUrl);
        p.setProperty("postgres.user", dbUser);
        p.setProperty("postgres.password", dbPassword);
        p.setProperty("launcher.pid", Long.toString(launcherPid));
        p.setProperty("owner.pid", Long.toString(ownerPid));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "Switchboard stack endpoints");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    public static StackEndpoints from(Properties p) {
        return new StackEndpoints(p.getProperty("kafka.bootstrap-servers"), p.getProperty("registry.url"),
                p.getProperty("postgres.jdbc-url"), p.getProperty("postgres.user"),
                p.getProperty("postgres.password", ""));
    }
}
