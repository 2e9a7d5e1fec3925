package io.switchboard.ingress.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.CallEnded;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.ingress.IngressProperties;
import io.switchboard.ingress.events.DurableEmitter;
import io.switchboard.platform.phone.PhoneNumbers;
import io.switchboard.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import io.switchboard.platform.web.Fields;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * LiveKit's server webhooks, exactly as LiveKit sends them. The caller (SIP participant) joining starts
 * the call if sip-inbound did not; the caller leaving ends it; the room finishing is recorded. Every other
 * event is counted and ignored. A repeated event id is answered 200 without a second emission.
 */
@RestController
class LivekitEventsController {
    static final String SIP_CALL_ID = "sip.callID";

    private final SignedBodies bodies;
    private final CallStarts callStarts;
    private final DurableEmitter emitter;
    private final PhoneNumbers numbers;
    private final MeterRegistry meters;
    private final Cache<String, Boolean> handled;

    LivekitEventsController(SignedBodies bodies, CallStarts callStarts, DurableEmitter emitter, PhoneNumbers numbers,
                            MeterRegistry meters, IngressProperties properties) {
        this.bodies = bodies;
        this.callStarts = callStarts;
        this.emitter = emitter;
        this.numbers = numbers;
        this.meters = meters;
        this.handled = Caffeine.newBuilder().expireAfterWrite(properties.rememberCalls())
                .maximumSize(properties.rememberMax()).build();
    }

    @PostMapping(path = "/api/v1/webhooks/livekit/events", consumes = {"application/webhook+json", "application/json"})
    Mono<Map<String, String>> receive(ServerHttpRequest request) {
        return bodies.read(request)
                .map(body -> bodies.verify(body, request))
                .flatMap(event -> {
                    if (!event.getId().isEmpty() && handled.getIfPresent(event.getId()) != null) {
                        return Mono.just(outcome(event, "duplicate"));
                    }
                    return handle(event)
                            .onErrorMap(e -> !(e instanceof ApiException), WebhookController::notDurable)
                            .doOnNext(result -> {
                                if (!event.getId().isEmpty()) {
                                    handled.put(event.getId(), Boolean.TRUE);
                                }
                            });
                });
    }

    private Mono<Map<String, String>> handle(WebhookEvent event) {
        checked(event);
        boolean sip = event.getParticipant().getKind() == ParticipantInfo.Kind.SIP;
        return switch (event.getEvent()) {
            case "participant_joined" -> sip ? callJoined(event) : Mono.just(outcome(event, "ignored"));
            case "participant_left" -> sip ? callerLeft(event) : Mono.just(outcome(event, "ignored"));
            case "room_finished" -> roomFinished(event);
            default -> Mono.just(outcome(event, "ignored"));
        };
    }

    private Mono<Map<String, String>> callJoined(WebhookEvent event) {
        ParticipantInfo caller = event.getParticipant();
        String callId = caller.getAttributesOrDefault(SIP_CALL_ID, "");
        Optional<String> to = numbers.toE164(caller.getAttributesOrDefault("sip.trunkPhoneNumber", ""));
        Optional<String> from = numbers.toE164Uncached(caller.getAttributesOrDefault("sip.phoneNumber", ""));
        if (callId.isEmpty() || to.isEmpty() || from.isEmpty() || callStarts.isKnown(callId)) {
            return Mono.just(outcome(event, callId.isEmpty() || to.isEmpty() || from.isEmpty() ? "ignored" : "known"));
        }
        long joinedMs = caller.getJoinedAtMs() > 0 ? caller.getJoinedAtMs() : caller.getJoinedAt() * 1000;
        CallStarts.Call call = new CallStarts.Call(callId, event.getRoom().getName(),
                emptyToNull(caller.getAttributesOrDefault("sip.trunkID", "")), to.get(), from.get(), to.get(),
                joinedMs > 0 ? Instant.ofEpochMilli(joinedMs) : eventTime(event), EventSource.livekit_webhook);
        return callStarts.start(call).map(a -> outcome(event, "call_started")).defaultIfEmpty(outcome(event, "unknown_number"));
    }

    private Mono<Map<String, String>> callerLeft(WebhookEvent event) {
        ParticipantInfo caller = event.getParticipant();
        DisconnectReason reason = caller.getDisconnectReason();
        CallEnded ended = CallEnded.newBuilder()
                .setEventId(derivedId("call.ended", event)).setOccurredAt(eventTime(event)).setReceivedAt(Instant.now())
                .setSource(EventSource.livekit_webhook).setRoomName(event.getRoom().getName())
                .setCallId(emptyToNull(caller.getAttributesOrDefault(SIP_CALL_ID, "")))
                .setParticipantIdentity(emptyToNull(caller.getIdentity()))
                .setDisconnectReason(reason == DisconnectReason.UNKNOWN_REASON || reason == DisconnectReason.UNRECOGNIZED
                        ? null : reason.name())
                .setFromNumber(numbers.toE164(caller.getAttributesOrDefault("sip.phoneNumber", "")).orElse(null))
                .setToNumber(numbers.toE164(caller.getAttributesOrDefault("sip.trunkPhoneNumber", "")).orElse(null))
                .build();
        return emitter.emit(Topics.CALL_ENDED, ended.getRoomName(), ended).thenReturn(outcome(event, "call_ended"));
    }

    private Mono<Map<String, String>> roomFinished(WebhookEvent event) {
        var room = event.getRoom();
        long createdMs = room.getCreationTimeMs() > 0 ? room.getCreationTimeMs() : room.getCreationTime() * 1000;
        RoomFinished finished = RoomFinished.newBuilder()
                .setEventId(derivedId("room.finished", event)).setOccurredAt(eventTime(event))
                .setReceivedAt(Instant.now()).setSource(EventSource.livekit_webhook).setRoomName(room.getName())
                .setRoomSid(emptyToNull(room.getSid()))
                .setRoomCreatedAt(createdMs > 0 ? Instant.ofEpochMilli(createdMs) : null).build();
        return emitter.emit(Topics.ROOM_FINISHED, room.getName(), finished).thenReturn(outcome(event, "room_finished"));
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
        if (event.getCreatedAt() != 0) {
            Fields.plausibleTime("createdAt", Instant.ofEpochSecond(Math.clamp(event.getCreatedAt(), -1L << 40, 1L << 40)));
        }
        long joinedMs = p.getJoinedAtMs() != 0 ? p.getJoinedAtMs() : Math.clamp(p.getJoinedAt(), -1L << 40, 1L << 40) * 1000;
        if (joinedMs != 0) {
            Fields.plausibleTime("participant.joinedAt", Instant.ofEpochMilli(joinedMs));
        }
    }

    private Map<String, String> outcome(WebhookEvent event, String outcome) {
        meters.counter("switchboard.ingress.livekit.events", "event", event.getEvent().isEmpty() ? "none" : event.getEvent(),
                "outcome", outcome).increment();
        return Map.of("status", outcome);
    }

    /** Same webhook id, same event id: LiveKit's retries de-duplicate downstream too. */
    private static String derivedId(String kind, WebhookEvent event) {
        String basis = event.getId().isEmpty() ? event.getRoom().getName() + "/" + event.getCreatedAt() : event.getId();
        return UUID.nameUUIDFromBytes((kind + "/" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Instant eventTime(WebhookEvent event) {
        return event.getCreatedAt() > 0 ? Instant.ofEpochSecond(event.getCreatedAt()) : Instant.now();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
