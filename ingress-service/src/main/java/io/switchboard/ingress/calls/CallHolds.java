package io.switchboard.ingress.calls;

import io.switchboard.events.CallHoldChanged;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.ingress.delivery.DurableEmitter;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A call going on or off hold, as a media bridge reports it, made durable before the bridge is answered. */
@Component
public class CallHolds {
    private final DurableEmitter emitter;

    CallHolds(DurableEmitter emitter) {
        this.emitter = emitter;
    }

    /** Keyed by the room, as the call's other events are. */
    public Mono<Void> changed(String eventId, String callId, String room, Instant at, boolean onHold) {
        CallHoldChanged change = CallHoldChanged.newBuilder().setEventId(eventId).setOccurredAt(at)
                .setReceivedAt(Instant.now()).setSource(EventSource.media_bridge).setCallId(callId).setRoomName(room)
                .setOnHold(onHold).build();
        return emitter.emit(Topics.CALL_HOLDS, room, change).then();
    }
}
