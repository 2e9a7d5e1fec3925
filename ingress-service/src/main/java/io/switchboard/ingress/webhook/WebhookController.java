package io.switchboard.ingress.webhook;

import io.switchboard.ingress.routing.CallRouter;
import io.switchboard.ingress.routing.RoutingTable;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import io.switchboard.platform.web.JsonBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** The sip-inbound webhook's dry-run twin and the webhook surface's liveness ({@link SipInboundRoute} serves the webhook). */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
    record TestRequest(String toNumber, String fromNumber) {
    }

    private final SignedBodies bodies;
    private final ObjectMapper json;
    private final PhoneNumbers numbers;
    private final CallRouter router;
    private final RoutingTable table;

    WebhookController(SignedBodies bodies, ObjectMapper json, PhoneNumbers numbers, CallRouter router, RoutingTable table) {
        this.bodies = bodies;
        this.json = json;
        this.numbers = numbers;
        this.router = router;
        this.table = table;
    }

    /** The routing decision for a call, without emitting anything. */
    @PostMapping(path = "/test", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> test(Credential caller, ServerHttpRequest request) {
        return bodies.read(request).map(body -> {
            TestRequest r = JsonBodies.read(json, body, TestRequest.class);
            String to = Fields.e164(numbers, "to_number", Fields.required("to_number", r.toNumber()));
            String from = Fields.callerE164(numbers, "from_number", Fields.required("from_number", r.fromNumber()));
            CallRouter.Decision d = router.route(to)
                    .filter(decision -> decision.entry() == null || caller.sees(decision.entry().getTenantId()))
                    .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "unknown_number",
                            "no routing for the called number " + to));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("agent_name", d.agentName());
            out.put("routing", d.rule());
            out.put("metadata", json.writeValueAsString(d.metadata("test", from, to)));
            out.put("attributes", Map.of("inbound", "true", "phone_number", to, "caller", from));
            return out;
        });
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        return Map.of("status", "UP", "routing_entries", table.size());
    }

    static ApiException notDurable(Throwable cause) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "not_durable",
                "the call's event could not be made durable; retry");
    }
}
