package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.r2dbc.core.DatabaseClient;

/** A service that owns a database schema has migrated it, and its connections work inside it. */
public final class SchemaMigrations {
    private SchemaMigrations() {
    }

    public static void assertMigrated(DatabaseClient database, String schema, String... tables) {
        var found = database.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = :schema")
                .bind("schema", schema).map(row -> row.get("table_name", String.class)).all().collectList().block();
        assertThat(found).contains(tables).contains("flyway_schema_history");

        String searchPath = database.sql("SHOW search_path").map(row -> row.get(0, String.class)).one().block();
        assertThat(searchPath).as("R2DBC connections work in the service's schema").contains(schema);

        Boolean migrated = database.sql("SELECT bool_and(success) FROM " + schema + ".flyway_schema_history")
                .map(row -> row.get(0, Boolean.class)).one().block();
        assertThat(migrated).isTrue();
    }
}
