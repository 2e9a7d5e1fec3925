package io.switchboard.ingress.edge.livekit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.Hangup;
import io.switchboard.ingress.calls.Joined;
import io.switchboard.ingress.livekit.SipHeaders;
import io.switchboard.ingress.livekit.WebParticipants;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a verified LiveKit webhook means for a call: the caller (SIP participant) joining answers it, with the routed
 * agent dispatched if LiveKit's rule did not (and starts it if sip-inbound did not); the caller leaving ends it; the room finishing is recorded. Every other event is counted
 * and ignored. Fields the events would store are checked first (a 400 naming the field).
 */
@Component
class LivekitEvents {
    static final String SIP_CALL_ID = "sip.callID";

    private final CallStarts callStarts;
    private final CallEnds callEnds;
    private final PhoneNumbers numbers;
    private final MeterRegistry meters;
    private final AgentDispatcher dispatcher;
    private final WebParticipantEvents webCalls;
    private final OutboundParticipantEvents calledOut;
    private final CallerAttributes callerAttributes;

    LivekitEvents(CallStarts callStarts, CallEnds callEnds, PhoneNumbers numbers, MeterRegistry meters,
                  AgentDispatcher dispatcher, WebParticipantEvents webCalls, OutboundParticipantEvents calledOut,
                  CallerAttributes callerAttributes) {
        this.callerAttributes = callerAttributes;
        this.webCalls = webCalls;
        this.calledOut = calledOut;
        this.callStarts = callStarts;
        this.dispatcher = dispatcher;
        this.callEnds = callEnds;
        this.numbers = numbers;
        this.meters = meters;
    }

    Mono<Map<String, String>> handle(WebhookEvent event) {
        checked(event);
        boolean sip = event.getParticipant().getKind() == ParticipantInfo.Kind.SIP;
        boolean web = WebParticipantEvents.isWebCaller(event.getParticipant());
        if (OutboundParticipantEvents.isCallee(event.getParticipant())) {
            return calleeOfACallOut(event);
        }
        return switch (event.getEvent()) {
            case "participant_joined" -> sip ? callJoined(event)
                    : web ? webCalls.joined(event, joinedAt(event)).thenReturn(outcome(event, "call_answered"))
                    : Mono.just(outcome(event, "ignored"));
            case "participant_left" -> sip ? callerLeft(event)
                    : web ? webCalls.left(event, eventTime(event), basis(event), reason(event.getParticipant()))
                            .thenReturn(outcome(event, "call_ended"))
                    : Mono.just(outcome(event, "ignored"));
            case "room_finished" -> roomFinished(event);
            default -> Mono.just(outcome(event, "ignored"));
        };
    }

    private Mono<Map<String, String>> calleeOfACallOut(WebhookEvent event) {
        if (!event.getEvent().equals("participant_left")) {
            return Mono.just(outcome(event, "ignored"));
        }
        return calledOut.left(event, eventTime(event), basis(event), reason(event.getParticipant()))
                .map(ended -> outcome(event, ended ? "call_ended" : "ignored"));
    }

    /**
     * The SIP caller joined: the call is answered. The routed agent is made sure to be in the room (LiveKit's rule may
     * have sent it already, and is then told who is calling through the caller's attributes), then the call's start
     * is reported with the answer time and the dispatch: as its first report, or, when sip-inbound started it here, as
     * a join report of its own.
     */
    private Mono<Map<String, String>> callJoined(WebhookEvent event) {
        ParticipantInfo caller = event.getParticipant();
        String callId = callId(caller);
        Optional<String> to = numbers.toE164(SipHeaders.fromAttributes(caller.getAttributesMap(), SipHeaders.TO)
                .orElse(caller.getAttributesOrDefault("sip.trunkPhoneNumber", "")));
        Optional<String> from = numbers.toE164Uncached(caller.getAttributesOrDefault("sip.phoneNumber", ""));
        if (callId.isEmpty() || to.isEmpty() || from.isEmpty()) {
            return Mono.just(outcome(event, "ignored"));
        }
        Instant joinedAt = joinedAt(event);
        Call call = new Call(callId, event.getRoom().getName(),
                emptyToNull(caller.getAttributesOrDefault("sip.trunkID", "")), to.get(), from.get(), to.get(),
                joinedAt, EventSource.livekit_webhook);
        Optional<Answer> routed = callStarts.preview(call, tenant -> true);
        if (routed.isEmpty()) {
            return Mono.just(outcome(event, "unknown_number"));
        }
        boolean known = callStarts.isKnown(callId);
        return dispatcher.ensure(call.roomName(), routed.get().agentName(), routed.get().metadata(), callId)
                .doOnNext(d -> {
                    if (d.how().equals(AgentDispatcher.DISPATCH_RULE)) { // the rule's metadata cannot say who is calling
                        callerAttributes.tell(call.roomName(), caller.getIdentity(), callId, routed.get());
                    }
                })
                .map(d -> new Joined(joinedAt, d.how(), d.dispatchId()))
                .flatMap(joined -> known
                        ? callStarts.joined(call, joined).thenReturn(outcome(event, "call_answered"))
                        : callStarts.start(call, joined).map(a -> outcome(event, "call_started"))
                                .defaultIfEmpty(outcome(event, "unknown_number")));
    }

    private Mono<Map<String, String>> callerLeft(WebhookEvent event) {
        ParticipantInfo caller = event.getParticipant();
        return callEnds.callerLeft(new CallEnds.CallerLeft(basis(event), eventTime(event), EventSource.livekit_webhook,
                        event.getRoom().getName(), emptyToNull(callId(caller)), emptyToNull(caller.getIdentity()),
                        reason(caller),
                        numbers.toE164(caller.getAttributesOrDefault("sip.phoneNumber", "")).orElse(null),
                        numbers.toE164(caller.getAttributesOrDefault("sip.trunkPhoneNumber", "")).orElse(null),
                        Hangup.of(status(caller.getDisconnectReason()))))
                .thenReturn(outcome(event, "call_ended"));
    }

    /**
     * The call's id: a carrier edge's own (Telnyx, SignalWire), when the caller was bridged here with Switchboard's
     * headers, so that the join and the departure find the call that edge started; else LiveKit's SIP call id.
     */
    private static String callId(ParticipantInfo caller) {
        return SipHeaders.fromAttributes(caller.getAttributesMap(), SipHeaders.CALL_ID)
                .orElse(caller.getAttributesOrDefault(SIP_CALL_ID, ""));
    }

    /**
     * A SIP participant's disconnect reason in the call log's words: the callee not answering or refusing (LiveKit's
     * outbound calls), a trunk, join, media or signalling failure, else a normal end.
     */
    static String status(DisconnectReason reason) {
        return switch (reason) {
            case USER_UNAVAILABLE -> Hangup.NO_ANSWER;
            case USER_REJECTED -> Hangup.BUSY;
            case JOIN_FAILURE, SIP_TRUNK_FAILURE, CONNECTION_TIMEOUT, MEDIA_FAILURE, SIGNAL_CLOSE -> Hangup.FAILED;
            default -> Hangup.COMPLETED;
        };
    }

    private Mono<Map<String, String>> roomFinished(WebhookEvent event) {
        var room = event.getRoom();
        long createdMs = room.getCreationTimeMs() > 0 ? room.getCreationTimeMs() : room.getCreationTime() * 1000;
        return callEnds.roomFinished(new CallEnds.RoomClosed(basis(event), eventTime(event), EventSource.livekit_webhook,
                        room.getName(), emptyToNull(room.getSid()), createdMs > 0 ? Instant.ofEpochMilli(createdMs) : null))
                .thenReturn(outcome(event, "room_finished"));
    }

    /** What the events would store: ids and names short and printable, times plausible; else a 400 naming the field. */
    private static void checked(WebhookEvent event) {
        Fields.identifier("id", event.getId());
        Fields.identifier("room.name", event.getRoom().getName());
        Fields.identifier("room.sid", event.getRoom().getSid());
        ParticipantInfo p = event.getParticipant();
        Fields.identifier("participant.identity", p.getIdentity());
        Fields.identifier("participant.attributes.sip.callID", p.getAttributesOrDefault(SIP_CALL_ID, null));
        Fields.identifier("participant.attributes.sip.trunkID", p.getAttributesOrDefault("sip.trunkID", null));
        Fields.identifier("participant.attributes." + WebParticipants.CALL_ID, p.getAttributesOrDefault(WebParticipants.CALL_ID, null));
        Fields.identifier("participant.attributes.sip.h." + SipHeaders.CALL_ID,
                SipHeaders.fromAttributes(p.getAttributesMap(), SipHeaders.CALL_ID).orElse(null));
        if (event.getCreatedAt() != 0) {
            Fields.plausibleTime("createdAt", Instant.ofEpochSecond(Math.clamp(event.getCreatedAt(), -1L << 40, 1L << 40)));
        }
        long joinedMs = p.getJoinedAtMs() != 0 ? p.getJoinedAtMs() : Math.clamp(p.getJoinedAt(), -1L << 40, 1L << 40) * 1000;
        if (joinedMs != 0) {
            Fields.plausibleTime("participant.joinedAt", Instant.ofEpochMilli(joinedMs));
        }
    }

    Map<String, String> outcome(WebhookEvent event, String outcome) {
        meters.counter("switchboard.ingress.livekit.events", "event", event.getEvent().isEmpty() ? "none" : event.getEvent(),
                "outcome", outcome).increment();
        return Map.of("status", outcome);
    }

    /** The webhook's id, so that LiveKit's retries carry the same event ids downstream too. */
    private static String basis(WebhookEvent event) {
        return event.getId().isEmpty() ? event.getRoom().getName() + "/" + event.getCreatedAt() : event.getId();
    }

    /** When the participant joined (to the millisecond where LiveKit gives it), else when the event happened. */
    private static Instant joinedAt(WebhookEvent event) {
        ParticipantInfo p = event.getParticipant();
        long joinedMs = p.getJoinedAtMs() > 0 ? p.getJoinedAtMs() : p.getJoinedAt() * 1000;
        return joinedMs > 0 ? Instant.ofEpochMilli(joinedMs) : eventTime(event);
    }

    private static String reason(ParticipantInfo p) {
        DisconnectReason reason = p.getDisconnectReason();
        return reason == DisconnectReason.UNKNOWN_REASON || reason == DisconnectReason.UNRECOGNIZED ? null : reason.name();
    }

    private static Instant eventTime(WebhookEvent event) {
        return event.getCreatedAt() > 0 ? Instant.ofEpochSecond(event.getCreatedAt()) : Instant.now();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
