package io.switchboard.ingress.edge.telnyx;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import java.time.Clock;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Telnyx's Call Control webhooks: the signature verified over the raw bytes, then the event handled once per event id
 * (Telnyx retries: a repeat, even while the first is still in hand, shares its outcome and sends no second command);
 * 503 when the call's event could not be made durable, so that Telnyx retries.
 */
@RestController
@EnableConfigurationProperties(TelnyxProperties.class)
class TelnyxWebhookController {
    static final String PATH = "/api/v1/webhooks/telnyx";

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final TelnyxSignatures signatures;
    private final TelnyxCalls calls;
    private final Cache<String, Mono<Map<String, String>>> handled;

    TelnyxWebhookController(RawBodies bodies, IngressProperties ingress, TelnyxProperties properties, ObjectMapper json,
                            TelnyxCalls calls) {
        this.bodies = bodies;
        this.json = json;
        this.calls = calls;
        this.signatures = properties.enabled()
                ? new TelnyxSignatures(properties.publicKey(), properties.signatureTolerance(), Clock.systemUTC()) : null;
        this.handled = Caffeine.newBuilder().expireAfterWrite(ingress.rememberCalls()).maximumSize(ingress.rememberMax())
                .build();
        if (signatures == null) {
            LoggerFactory.getLogger(TelnyxWebhookController.class)
                    .info("TELNYX_PUBLIC_KEY is not set: the Telnyx webhook answers 404 not_configured");
        }
    }

    @PostMapping(path = PATH, consumes = "application/json")
    Mono<Map<String, String>> receive(ServerHttpRequest request) {
        if (signatures == null) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "not_configured",
                    "the Telnyx edge is off: set TELNYX_PUBLIC_KEY (and TELNYX_API_KEY) to receive Telnyx webhooks"));
        }
        return bodies.read(request).flatMap(body -> {
            signatures.verify(body, request.getHeaders().getFirst(TelnyxSignatures.SIGNATURE),
                    request.getHeaders().getFirst(TelnyxSignatures.TIMESTAMP));
            TelnyxWebhook webhook = JsonBodies.read(json, body, TelnyxWebhook.class).checked();
            String id = webhook.data().id();
            Mono<Map<String, String>> once = handled.get(id, k -> calls.handle(webhook)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> ApiException.notDurable())
                    .doOnError(e -> handled.invalidate(k)).cache());
            return once;
        });
    }
}
