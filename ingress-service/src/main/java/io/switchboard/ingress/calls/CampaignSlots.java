package io.switchboard.ingress.calls;

import io.switchboard.platform.logging.CallLogs;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A campaign's max_concurrent slots, which routing-service keeps in its database so that every instance of this
 * service counts against the same limit: a call out takes one before it dials, and its end (here, on whichever instance
 * hears of it) or its failure gives it back; one never given back lapses after the hold it was taken for.
 */
@Component
@EnableConfigurationProperties(SlotsProperties.class)
public class CampaignSlots {
    private static final Logger log = LoggerFactory.getLogger(CampaignSlots.class);

    /** Every slot is held: try again after {@code retryAfter}. */
    public static final class Busy extends RuntimeException {
        private final String retryAfter;

        Busy(String message, String retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public String retryAfter() {
            return retryAfter;
        }
    }

    /** routing-service could not be asked: nothing may be dialled for a limited campaign. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final WebClient routing;
    private final SlotsProperties properties;

    CampaignSlots(SlotsProperties properties) {
        this.properties = properties;
        this.routing = WebClient.builder().baseUrl(properties.routingUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey()).build();
    }

    public Mono<Void> take(String campaignId, String callId, Duration hold) {
        return routing.post().uri("/api/v1/campaigns/{id}/slots", campaignId)
                .bodyValue(Map.of("call_id", callId, "hold_seconds", hold.toSeconds()))
                .retrieve().toBodilessEntity().timeout(properties.timeout()).then()
                .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS
                        ? new Busy(e.getResponseBodyAsString(), e.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                        : new Unavailable("routing-service answered " + e.getStatusCode().value() + " for a slot", e))
                .onErrorMap(e -> !(e instanceof Busy || e instanceof Unavailable),
                        e -> new Unavailable("routing-service did not answer for a slot: " + e, e));
    }

    /** Gives the slot back, retried a little; a slot still not given back lapses at the end of its hold. */
    public Mono<Void> release(String campaignId, String callId) {
        return routing.delete().uri("/api/v1/campaigns/{id}/slots/{call}", campaignId, callId)
                .retrieve().toBodilessEntity().timeout(properties.timeout()).then()
                .retryWhen(Retry.backoff(3, Duration.ofMillis(200)))
                .onErrorResume(e -> {
                    CallLogs.about(log.atWarn(), callId, null).log("slot of call {} in campaign {} not given back (it lapses at the end of its hold): {}",
                            callId, campaignId, e.toString());
                    return Mono.empty();
                });
    }
}
