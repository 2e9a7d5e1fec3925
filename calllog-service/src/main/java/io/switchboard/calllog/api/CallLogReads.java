package io.switchboard.calllog.api;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Option;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.r2dbc.ConnectionFactoryBuilder;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The read API's own small connection pool, with a short statement timeout: operators' queries cannot take
 * the connections the consumer writes with, nor hold one for long. Same database and schema as the writer.
 */
@Component
public class CallLogReads implements DisposableBean {
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECTIONS = 4;

    private final ConnectionPool pool;
    private final DatabaseClient db;

    CallLogReads(R2dbcProperties properties) {
        ConnectionFactory connections = ConnectionFactoryBuilder.withUrl(properties.getUrl())
                .username(properties.getUsername()).password(properties.getPassword())
                .configure(options -> {
                    properties.getProperties().forEach((name, value) -> options.option(Option.valueOf(name), value));
                    options.option(Option.valueOf("statementTimeout"), STATEMENT_TIMEOUT);
                    options.option(Option.valueOf("applicationName"), "calllog-api");
                })
                .build();
        this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(connections).name("calllog-api")
                .initialSize(0).maxSize(CONNECTIONS).maxAcquireTime(Duration.ofSeconds(5)).build());
        this.db = DatabaseClient.create(pool);
    }

    public DatabaseClient db() {
        return db;
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
