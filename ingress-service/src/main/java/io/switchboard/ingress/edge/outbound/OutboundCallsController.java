package io.switchboard.ingress.edge.outbound;

import io.switchboard.ingress.calls.CampaignSlots;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import io.switchboard.ingress.livekit.LivekitDialer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/calls}: a tenant's backend has an agent call a phone number. 202 once the call's start is
 * durable (the dial goes on); 429 with Retry-After when its campaign has max_concurrent calls in progress.
 */
@RestController
class OutboundCallsController {
    static final String PATH = "/api/v1/calls";

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final OutboundCalls calls;
    private final LivekitDialer dialer;

    OutboundCallsController(RawBodies bodies, ObjectMapper json, OutboundCalls calls, LivekitDialer dialer) {
        this.bodies = bodies;
        this.json = json;
        this.calls = calls;
        this.dialer = dialer;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> place(Credential caller, ServerHttpRequest request) {
        if (!dialer.enabled()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "not_configured",
                    "calls out are off: set LIVEKIT_URL, LiveKit's API, which dials them"));
        }
        return bodies.read(request)
                .map(body -> JsonBodies.read(json, body, OutboundCallRequest.class).checked())
                .flatMap(r -> calls.place(caller, r))
                .map(accepted -> ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted))
                .onErrorResume(CampaignSlots.Busy.class, busy -> Mono.just(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, busy.retryAfter() == null ? "5" : busy.retryAfter())
                        .body(error("campaign_busy", "the campaign has max_concurrent calls in progress; try again later"))))
                .onErrorMap(CampaignSlots.Unavailable.class, e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        "unavailable", "the campaign's concurrent calls cannot be counted now (routing-service): nothing was dialled"));
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }
}
