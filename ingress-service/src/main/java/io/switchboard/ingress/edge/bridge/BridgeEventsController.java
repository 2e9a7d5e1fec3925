package io.switchboard.ingress.edge.bridge;

import io.switchboard.ingress.calls.CallHolds;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/webhooks/bridge/events}: a media bridge (Exotel's, say) that re-INVITEs a call to sendonly or
 * sendrecv reports the hold or the resume, signed with the shared secret; the change is made durable on
 * {@code call.holds} before the 200, and calllog-service keeps hold and talk time apart.
 */
@RestController
@EnableConfigurationProperties(BridgeProperties.class)
class BridgeEventsController {
    static final String PATH = "/api/v1/webhooks/bridge/events";

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final CallHolds holds;
    private final BridgeProperties properties;
    private final BridgeSignatures signatures;

    BridgeEventsController(RawBodies bodies, ObjectMapper json, CallHolds holds, BridgeProperties properties) {
        this.bodies = bodies;
        this.json = json;
        this.holds = holds;
        this.properties = properties;
        this.signatures = new BridgeSignatures(properties.signingSecret(), properties.tolerance(), Clock.systemUTC());
    }

    @PostMapping(PATH)
    Mono<Map<String, String>> event(ServerHttpRequest request) {
        if (properties.signingSecret().isBlank()) {
            return Mono.error(new ApiException(HttpStatus.NOT_FOUND, "not_configured",
                    "media bridge events are off: set SWITCHBOARD_BRIDGE_SECRET, the secret the bridge signs with"));
        }
        return bodies.read(request).flatMap(body -> {
            signatures.verify(body, request.getHeaders().getFirst(BridgeSignatures.SIGNATURE),
                    request.getHeaders().getFirst(BridgeSignatures.TIMESTAMP));
            BridgeEvent event = JsonBodies.read(json, body, BridgeEvent.class);
            boolean onHold = event.onHold();
            return holds.changed(event.id(), event.call(), event.room(), event.at(), onHold)
                    .thenReturn(Map.of("status", onHold ? "call_held" : "call_resumed"));
        });
    }
}
