package io.switchboard.ingress.edge.signalwire;

import io.switchboard.platform.logging.CallLogs;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.livekit.LivekitApiProperties;
import io.switchboard.ingress.livekit.LivekitRooms;
import io.switchboard.ingress.livekit.SipHeaders;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A SignalWire call: routed, its start made durable (source {@code signalwire}), its room created with the routed agent,
 * and answered with a SWML document that connects the caller to LiveKit's SIP URI, into that room, with the routing
 * decision in SIP X- headers. A call whose room cannot be made is declined and recorded as failed; a number with no
 * route under the reject policy is declined with nothing recorded. A repeated request gets the same document.
 */
@Component
class SwmlCalls {
    static final String ROOM_PREFIX = "signalwire_call_";
    private static final Logger log = LoggerFactory.getLogger(SwmlCalls.class);

    private final CallStarts callStarts;
    private final CallEnds callEnds;
    private final PhoneNumbers numbers;
    private final LivekitRooms rooms;
    private final LivekitApiProperties livekit;
    private final SignalwireProperties properties;
    private final MeterRegistry meters;

    SwmlCalls(CallStarts callStarts, CallEnds callEnds, PhoneNumbers numbers, LivekitRooms rooms,
              LivekitApiProperties livekit, SignalwireProperties properties, MeterRegistry meters) {
        this.callStarts = callStarts;
        this.callEnds = callEnds;
        this.numbers = numbers;
        this.rooms = rooms;
        this.livekit = livekit;
        this.properties = properties;
        this.meters = meters;
    }

    Mono<Map<String, Object>> answer(SwmlRequest request) {
        String to = Fields.e164(numbers, "to", request.to());
        String from = Fields.callerE164(numbers, "from", request.from());
        Call call = new Call(request.callId(), ROOM_PREFIX + request.callId(), null, null, from, to, Instant.now(),
                EventSource.signalwire);
        return callStarts.start(call)
                .flatMap(answer -> room(call, answer).map(made -> made ? connect(call, answer) : decline("bridge_failed")))
                .switchIfEmpty(Mono.fromSupplier(() -> decline("unknown_number")));
    }

    /** True when the caller can be bridged: the room holds the agent (or no LiveKit API is configured to make it). */
    private Mono<Boolean> room(Call call, Answer answer) {
        if (livekit.sipHost().isBlank()) {
            return failed(call, "LIVEKIT_SIP_URI is not set: no SIP URI to bridge the call to");
        }
        if (!rooms.enabled()) {
            return Mono.just(true);
        }
        return rooms.createWithAgent(call.roomName(), answer.agentName(), answer.metadata(), properties.roomEmptyTimeout())
                .thenReturn(true)
                .onErrorResume(e -> failed(call, "LiveKit did not create room " + call.roomName() + ": " + e));
    }

    private Mono<Boolean> failed(Call call, String reason) {
        CallLogs.about(log.atWarn(), call.callId(), call.roomName()).log("SignalWire call {} not bridged: {}", call.callId(), reason);
        return callEnds.bridgeFailed(call.callId() + "/bridge", call).thenReturn(false);
    }

    /** SWML: connect the caller to the call's room at LiveKit's SIP URI, answering once LiveKit does. */
    private Map<String, Object> connect(Call call, Answer answer) {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("to", "sip:" + call.roomName() + "@" + livekit.sipHost());
        connect.put("from", call.fromE164());
        connect.put("answer_on_bridge", true);
        connect.put("headers", SipHeaders.asList(SipHeaders.of(call.callId(), call.toE164(), answer.agentName(),
                answer.rule())));
        meters.counter("switchboard.ingress.signalwire.swml", "outcome", "connect").increment();
        return document(Map.of("connect", connect));
    }

    private Map<String, Object> decline(String why) {
        meters.counter("switchboard.ingress.signalwire.swml", "outcome", why).increment();
        return document(Map.of("hangup", Map.of("reason", "decline")));
    }

    private static Map<String, Object> document(Map<String, Object> method) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", "1.0.0");
        doc.put("sections", Map.of("main", List.of(method)));
        return doc;
    }
}
