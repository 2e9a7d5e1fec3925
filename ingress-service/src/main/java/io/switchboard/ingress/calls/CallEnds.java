package io.switchboard.ingress.calls;

import io.switchboard.events.CallEnded;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoomFinished;
import io.switchboard.events.Topics;
import io.switchboard.ingress.delivery.DurableEmitter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * How a call ends, whatever edge reports it: the caller leaving ({@code call.ended}) and the room finishing
 * ({@code room.finished}), each made durable before the edge answers. Event ids derive from what identifies the
 * report at its edge (a webhook's id), so a redelivered report carries the same id for consumers to de-duplicate.
 */
@Component
public class CallEnds {
    /** The caller left: {@code basis} identifies the report; every field but the room and the hang-up may be null. */
    public record CallerLeft(String basis, Instant at, EventSource source, String roomName, String callId,
                             String participantIdentity, String disconnectReason, String fromE164, String toE164,
                             Hangup hangup) {
    }

    /** The room finished: {@code basis} identifies the report; its sid and creation time may be null. */
    public record RoomClosed(String basis, Instant at, EventSource source, String roomName, String roomSid,
                             Instant roomCreatedAt) {
    }

    /** The hang-up cause of a call Switchboard could not bridge. */
    public static final String BRIDGE_FAILED = "switchboard_bridge_failed";

    private final DurableEmitter emitter;

    CallEnds(DurableEmitter emitter) {
        this.emitter = emitter;
    }

    public Mono<Void> callerLeft(CallerLeft left) {
        CallEnded ended = CallEnded.newBuilder()
                .setEventId(derivedId("call.ended", left.basis())).setOccurredAt(left.at()).setReceivedAt(Instant.now())
                .setSource(left.source()).setRoomName(left.roomName()).setCallId(left.callId())
                .setParticipantIdentity(left.participantIdentity()).setDisconnectReason(left.disconnectReason())
                .setFromNumber(left.fromE164()).setToNumber(left.toE164()).setStatus(left.hangup().status())
                .setHangupCause(left.hangup().cause()).setHangupSource(left.hangup().source())
                .setSipCode(left.hangup().sipCode()).build();
        return emitter.emit(Topics.CALL_ENDED, ended.getRoomName(), ended).then();
    }

    /**
     * A carrier's call that could not be bridged to LiveKit (its room or its carrier's commands refused): it ends here,
     * {@code failed}, with {@code switchboard_bridge_failed} as its cause. {@code basis} identifies the failed attempt.
     */
    public Mono<Void> bridgeFailed(String basis, Call call) {
        return callerLeft(new CallerLeft(basis, Instant.now(), call.source(), call.roomName(), call.callId(), null, null,
                call.fromE164(), call.toE164(), new Hangup(Hangup.FAILED, BRIDGE_FAILED, "switchboard", null)));
    }

    public Mono<Void> roomFinished(RoomClosed closed) {
        RoomFinished finished = RoomFinished.newBuilder()
                .setEventId(derivedId("room.finished", closed.basis())).setOccurredAt(closed.at())
                .setReceivedAt(Instant.now()).setSource(closed.source()).setRoomName(closed.roomName())
                .setRoomSid(closed.roomSid()).setRoomCreatedAt(closed.roomCreatedAt()).build();
        return emitter.emit(Topics.ROOM_FINISHED, closed.roomName(), finished).then();
    }

    private static String derivedId(String kind, String basis) {
        return UUID.nameUUIDFromBytes((kind + "/" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
