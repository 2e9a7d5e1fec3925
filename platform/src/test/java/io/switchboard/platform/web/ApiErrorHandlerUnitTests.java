package io.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import tools.jackson.databind.json.JsonMapper;

/** A database that cannot be reached, or a statement that timed out, is a 503 to retry, not a 500. */
class ApiErrorHandlerUnitTests {
    private final ApiErrorHandler handler = new ApiErrorHandler(JsonMapper.builder().build(), new SimpleMeterRegistry());

    @Test
    void anUnreachableOrSlowDatabaseAnswers503() {
        for (Throwable failure : new Throwable[] {
                new DataAccessResourceFailureException("pool", new R2dbcNonTransientResourceException("refused")),
                new R2dbcTimeoutException("canceling statement due to statement timeout"),
                new IllegalStateException("wrapped", new java.net.ConnectException("Connection refused"))}) {
            ApiErrorHandler.Rendered answer = handler.render(failure, "GET /api/v1/call-logs");
            assertThat(answer.status()).as(failure.toString()).isEqualTo(503);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("database_unavailable");
        }
    }

    @Test
    void anythingElseUnexpectedIsStillA500() {
        assertThat(handler.render(new IllegalStateException("bug"), "GET /x").status()).isEqualTo(500);
    }
}
