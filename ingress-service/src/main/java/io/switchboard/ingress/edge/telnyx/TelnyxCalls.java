package io.switchboard.ingress.edge.telnyx;

import io.switchboard.platform.logging.CallLogs;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.EventSource;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.Hangup;
import io.switchboard.ingress.calls.Joined;
import io.switchboard.ingress.livekit.LivekitApiProperties;
import io.switchboard.ingress.livekit.LivekitRooms;
import io.switchboard.ingress.livekit.SipHeaders;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A Telnyx call, from its webhooks. {@code call.initiated} (inbound): the call is routed and its start made durable,
 * then its room is created with the routed agent, and Telnyx is told to answer and to transfer the caller to LiveKit's
 * SIP URI, into that room. {@code call.answered}: the answer time. {@code call.hangup}: the end, with Telnyx's cause, and
 * the room deleted. Only the caller's leg counts: the leg Telnyx dials to LiveKit for the bridge is ignored. A command
 * Telnyx refuses (or does not take past the retries) ends the call as {@code failed} with the reason. A room LiveKit
 * would not make does not stop the bridge: the caller still arrives, and the LiveKit edge dispatches the routed agent on
 * the join (the answer report says {@code dispatch: failed} for the room).
 */
@Component
class TelnyxCalls {
    static final String ROOM_PREFIX = "telnyx_call_";
    static final String ROOM_CONFIG = "room_config";
    private static final Logger log = LoggerFactory.getLogger(TelnyxCalls.class);

    private final CallStarts callStarts;
    private final CallEnds callEnds;
    private final PhoneNumbers numbers;
    private final LivekitRooms rooms;
    private final LivekitApiProperties livekit;
    private final TelnyxCommands commands;
    private final TelnyxProperties properties;
    private final MeterRegistry meters;
    /** How each call's agent reached its room, for its answer report (on this instance). */
    private final Cache<String, String> dispatched;

    TelnyxCalls(CallStarts callStarts, CallEnds callEnds, PhoneNumbers numbers, LivekitRooms rooms,
                LivekitApiProperties livekit, TelnyxCommands commands, TelnyxProperties properties,
                IngressProperties ingress, MeterRegistry meters) {
        this.callStarts = callStarts;
        this.callEnds = callEnds;
        this.numbers = numbers;
        this.rooms = rooms;
        this.livekit = livekit;
        this.commands = commands;
        this.properties = properties;
        this.meters = meters;
        this.dispatched = Caffeine.newBuilder().expireAfterWrite(ingress.rememberCalls()).maximumSize(100_000).build();
    }

    Mono<Map<String, String>> handle(TelnyxWebhook webhook) {
        String type = webhook.data().eventType();
        if (!type.startsWith("call.")) {
            return Mono.just(outcome(type, "ignored"));
        }
        if (!webhook.callersLeg() || (type.equals("call.initiated") && !"incoming".equals(webhook.payload().direction()))) {
            return Mono.just(outcome(type, "bridge_leg"));
        }
        return switch (type) {
            case "call.initiated" -> initiated(webhook);
            case "call.answered" -> answered(webhook);
            case "call.hangup" -> hangup(webhook);
            default -> Mono.just(outcome(type, "ignored"));
        };
    }

    private Mono<Map<String, String>> initiated(TelnyxWebhook w) {
        Call call = call(w, w.at(w.payload().startTime()));
        return callStarts.start(call)
                .flatMap(answer -> bridge(w, call, answer).thenReturn(outcome("call.initiated", "call_started")))
                .switchIfEmpty(Mono.defer(() -> commands.send(w.payload().callControlId(), "reject",
                                Map.of("cause", "CALL_REJECTED")).onErrorResume(e -> Mono.empty())
                        .thenReturn(outcome("call.initiated", "unknown_number"))));
    }

    /** Room with the agent, then answer and transfer; a failure is the call's end, as failed, with the reason. */
    private Mono<Void> bridge(TelnyxWebhook w, Call call, Answer answer) {
        String ccid = w.payload().callControlId();
        String state = TelnyxWebhook.clientState(call.callId());
        if (livekit.sipHost().isBlank()) {
            return failed(w, call, "LIVEKIT_SIP_URI is not set: no SIP URI to bridge the call to");
        }
        Mono<String> room = rooms.enabled()
                ? rooms.createWithAgent(call.roomName(), answer.agentName(), answer.metadata(), properties.roomEmptyTimeout())
                        .thenReturn(ROOM_CONFIG).onErrorResume(e -> {
                            CallLogs.about(log.atWarn(), call.callId(), call.roomName()).log("room {} for Telnyx call {} not created: {}", call.roomName(), call.callId(), e.toString());
                            return Mono.just("failed");
                        })
                : Mono.just("none");
        return room.doOnNext(how -> dispatched.put(call.callId(), how))
                .then(commands.send(ccid, "answer", Map.of("client_state", state)))
                .then(commands.send(ccid, "transfer", Map.of("to", "sip:" + call.roomName() + "@" + livekit.sipHost(),
                        "client_state", state, "custom_headers", headers(call, answer))))
                .onErrorResume(TelnyxCommands.CommandFailed.class, e -> failed(w, call, e.getMessage()));
    }

    private static List<Map<String, String>> headers(Call call, Answer answer) {
        return SipHeaders.asList(SipHeaders.of(call.callId(), call.toE164(), answer.agentName(), answer.rule()));
    }

    private Mono<Void> failed(TelnyxWebhook w, Call call, String reason) {
        CallLogs.about(log.atWarn(), call.callId(), call.roomName()).log("Telnyx call {} not bridged: {}", call.callId(), reason);
        return callEnds.bridgeFailed(w.data().id() + "/bridge", call);
    }

    private Mono<Map<String, String>> answered(TelnyxWebhook w) {
        Instant at = w.at(null);
        return callStarts.joined(call(w, at), new Joined(at, dispatched.getIfPresent(w.callId()), null))
                .thenReturn(outcome("call.answered", "call_answered"));
    }

    private Mono<Map<String, String>> hangup(TelnyxWebhook w) {
        var p = w.payload();
        String room = ROOM_PREFIX + w.callId();
        Integer sip = w.sipCode();
        Hangup hangup = new Hangup(TelnyxHangups.status(p.hangupCause(), sip), p.hangupCause(), p.hangupSource(), sip);
        return callEnds.callerLeft(new CallEnds.CallerLeft(w.data().id(), w.at(p.endTime()), EventSource.telnyx, room,
                        w.callId(), null, null, numbers.toE164Uncached(nullToEmpty(p.from())).orElse(null),
                        numbers.toE164(nullToEmpty(p.to())).orElse(null), hangup))
                .doOnSuccess(v -> deleteRoom(room))
                .thenReturn(outcome("call.hangup", "call_ended"));
    }

    /** After the answer, bounded by the LiveKit client's own timeouts: a room left behind closes when empty anyway. */
    private void deleteRoom(String room) {
        if (rooms.enabled()) {
            rooms.delete(room).subscribe(null, e -> CallLogs.about(log.atInfo(), null, room).log("room {} not deleted: {}", room, e.toString()));
        }
    }

    private Call call(TelnyxWebhook w, Instant at) {
        var p = w.payload();
        String to = Fields.e164(numbers, "data.payload.to", Fields.required("data.payload.to", p.to()));
        String from = Fields.callerE164(numbers, "data.payload.from", Fields.required("data.payload.from", p.from()));
        return new Call(w.callId(), ROOM_PREFIX + w.callId(), null, null, from, to, at, EventSource.telnyx);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    Map<String, String> outcome(String event, String outcome) {
        meters.counter("switchboard.ingress.telnyx.webhooks", "event", event, "outcome", outcome).increment();
        return Map.of("status", outcome);
    }
}
