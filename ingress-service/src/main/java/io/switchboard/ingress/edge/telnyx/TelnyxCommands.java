package io.switchboard.ingress.edge.telnyx;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Call Control commands to Telnyx ({@code POST /calls/{call_control_id}/actions/{action}}), on the event loop's own
 * non-blocking client: each within {@code commandTimeout}, tried {@code commandAttempts} times while Telnyx is
 * unavailable (no answer, 429, 5xx), never on a refusal (other 4xx), which fails at once with Telnyx's reason.
 */
@Component
class TelnyxCommands {
    private final WebClient telnyx;
    private final TelnyxProperties properties;
    private final MeterRegistry meters;

    TelnyxCommands(TelnyxProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.telnyx = WebClient.builder().baseUrl(properties.apiUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + (properties.apiKey() == null ? "" : properties.apiKey()))
                .build();
    }

    Mono<Void> send(String callControlId, String action, Map<String, Object> body) {
        return telnyx.post().uri("/calls/{id}/actions/{action}", callControlId, action)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().toBodilessEntity()
                .timeout(properties.commandTimeout())
                .retryWhen(Retry.backoff(Math.max(0, properties.commandAttempts() - 1), Duration.ofMillis(200))
                        .filter(TelnyxCommands::unavailable).onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(e -> new CommandFailed(action, e))
                .doOnSuccess(ok -> meters.counter("switchboard.ingress.telnyx.commands", "action", action, "outcome", "ok")
                        .increment())
                .doOnError(e -> meters.counter("switchboard.ingress.telnyx.commands", "action", action, "outcome", "failed")
                        .increment())
                .then();
    }

    private static boolean unavailable(Throwable e) {
        if (e instanceof WebClientResponseException r) {
            return r.getStatusCode().value() == 429 || r.getStatusCode().is5xxServerError();
        }
        return e instanceof WebClientRequestException || e instanceof java.util.concurrent.TimeoutException;
    }

    /** A command Telnyx did not take: why, in a line fit for the call log. */
    static final class CommandFailed extends RuntimeException {
        CommandFailed(String action, Throwable cause) {
            super("Telnyx " + action + " failed: " + reason(cause), cause);
        }

        private static String reason(Throwable e) {
            if (e instanceof WebClientResponseException r) {
                return "answered " + r.getStatusCode().value();
            }
            if (e instanceof java.util.concurrent.TimeoutException) {
                return "no answer in time";
            }
            return "unreachable";
        }
    }
}
