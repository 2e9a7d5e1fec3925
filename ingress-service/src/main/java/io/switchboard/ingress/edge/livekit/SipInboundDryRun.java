package io.switchboard.ingress.edge.livekit;

import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.platform.access.Credential;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import io.switchboard.platform.web.JsonBodies;
import io.switchboard.platform.web.RawBodies;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** The sip-inbound webhook's dry-run twin: the routing decision for a call, emitting nothing. */
@RestController
class SipInboundDryRun {
    static final String PATH = "/api/v1/webhooks/test";

    record TestRequest(String toNumber, String fromNumber) {
    }

    private final RawBodies bodies;
    private final ObjectMapper json;
    private final PhoneNumbers numbers;
    private final CallStarts callStarts;

    SipInboundDryRun(RawBodies bodies, ObjectMapper json, PhoneNumbers numbers, CallStarts callStarts) {
        this.bodies = bodies;
        this.json = json;
        this.numbers = numbers;
        this.callStarts = callStarts;
    }

    /** A key for one tenant sees only that tenant's numbers: another's answer as if unrouted. */
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> test(Credential caller, ServerHttpRequest request) {
        return bodies.read(request).map(body -> {
            TestRequest r = JsonBodies.read(json, body, TestRequest.class);
            String to = Fields.e164(numbers, "to_number", Fields.required("to_number", r.toNumber()));
            String from = Fields.callerE164(numbers, "from_number", Fields.required("from_number", r.fromNumber()));
            Call call = new Call("test", null, null, null, from, to, Instant.now(), EventSource.sip_inbound);
            return callStarts.preview(call, caller::sees).map(a -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("agent_name", a.agentName());
                out.put("routing", a.rule());
                out.put("metadata", a.metadata());
                out.put("attributes", a.attributes());
                return out;
            }).orElseThrow(() -> ApiException.unknownNumber(to));
        });
    }
}
