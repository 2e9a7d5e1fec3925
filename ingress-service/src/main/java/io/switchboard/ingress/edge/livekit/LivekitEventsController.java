package io.switchboard.ingress.edge.livekit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.RawBodies;
import java.util.Map;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * LiveKit's server webhooks, exactly as LiveKit sends them: the signature verified over the raw bytes, a repeated
 * event id answered 200 without a second emission, the event handed to {@link LivekitEvents}; 503 when its call
 * event could not be made durable, so that LiveKit retries.
 */
@RestController
class LivekitEventsController {
    static final String PATH = "/api/v1/webhooks/livekit/events";

    private final RawBodies bodies;
    private final LivekitSignatures signatures;
    private final LivekitEvents events;
    private final Cache<String, Boolean> handled;

    LivekitEventsController(RawBodies bodies, IngressProperties properties, LivekitSignatures signatures,
                            LivekitEvents events) {
        this.bodies = bodies;
        this.signatures = signatures;
        this.events = events;
        this.handled = Caffeine.newBuilder().expireAfterWrite(properties.rememberCalls())
                .maximumSize(properties.rememberMax()).build();
    }

    @PostMapping(path = PATH, consumes = {"application/webhook+json", "application/json"})
    Mono<Map<String, String>> receive(ServerHttpRequest request) {
        return bodies.read(request)
                .map(body -> signatures.verify(body, request))
                .flatMap(event -> {
                    if (!event.getId().isEmpty() && handled.getIfPresent(event.getId()) != null) {
                        return Mono.just(events.outcome(event, "duplicate"));
                    }
                    return events.handle(event)
                            .onErrorMap(e -> !(e instanceof ApiException), e -> ApiException.notDurable())
                            .doOnNext(result -> {
                                if (!event.getId().isEmpty()) {
                                    handled.put(event.getId(), Boolean.TRUE);
                                }
                            });
                });
    }
}
