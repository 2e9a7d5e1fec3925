package io.switchboard.ingress.edge.livekit;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.DispatchMetadata;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.livekit.LivekitRooms;
import io.switchboard.platform.logging.CallLogs;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Who is calling, for a call whose agent LiveKit's dispatch rule sent: a rule is written before any call and serves
 * every caller of its numbers, so its metadata cannot say. The call's own metadata (caller type and the lead's
 * context included) goes onto the SIP caller's participant attributes instead, which LiveKit passes to the agent.
 * Best effort and off the webhook's answer: the call is recorded whether LiveKit takes the update or not; a failure
 * is logged and counted ({@code switchboard.ingress.livekit.caller_attributes{outcome}}).
 */
@Component
class CallerAttributes {
    private static final Logger log = LoggerFactory.getLogger(CallerAttributes.class);

    private final LivekitRooms rooms;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    CallerAttributes(LivekitRooms rooms, ObjectMapper json, MeterRegistry meters) {
        this.rooms = rooms;
        this.json = json;
        this.meters = meters;
    }

    /** Puts {@code answer}'s metadata on participant {@code identity} of {@code room}, in the background. */
    void tell(String room, String identity, String callId, Answer answer) {
        if (!rooms.enabled() || identity.isEmpty()) {
            return;
        }
        Map<String, String> attributes = Map.of(
                DispatchMetadata.CALLER_TYPE_ATTRIBUTE, json.readTree(answer.metadata()).path("caller_type").asString(""),
                DispatchMetadata.CALL_METADATA_ATTRIBUTE, answer.metadata());
        rooms.updateAttributes(room, identity, attributes)
                .doOnSuccess(done -> counted("updated"))
                .subscribe(done -> { }, e -> {
                    counted("failed");
                    CallLogs.about(log.atWarn(), callId, room).log("who is calling was not put on {}'s attributes: {}",
                            identity, e.toString());
                });
    }

    private void counted(String outcome) {
        meters.counter("switchboard.ingress.livekit.caller_attributes", "outcome", outcome).increment();
    }
}
