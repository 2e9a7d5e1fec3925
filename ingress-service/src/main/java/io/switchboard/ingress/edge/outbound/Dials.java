package io.switchboard.ingress.edge.outbound;

import io.switchboard.platform.logging.CallLogs;
import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Answer;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.CampaignSlots;
import io.switchboard.ingress.calls.Hangup;
import io.switchboard.ingress.calls.Joined;
import io.switchboard.ingress.livekit.LivekitDialer;
import io.switchboard.ingress.livekit.LivekitRooms;
import java.time.Instant;
import java.util.Map;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A call out after its start is durable: the room made with the agent in it, then the callee dialled through the
 * trunk, waiting for the answer. Answered: the call's answer is reported (its end comes with the callee's departure,
 * a LiveKit webhook). Not answered, or LiveKit refusing: the call ends here, {@code busy}, {@code no_answer} or
 * {@code failed} with the SIP status, its slot is given back and its room deleted. Never a call without an end.
 */
@Component
class Dials {
    private static final Logger log = LoggerFactory.getLogger(Dials.class);
    /** The cause recorded when LiveKit refused the dial without a SIP status (bad trunk, LiveKit down, a timeout). */
    static final String REFUSED = "switchboard_dial_refused";

    private final LivekitRooms rooms;
    private final LivekitDialer dialer;
    private final CallStarts callStarts;
    private final CallEnds callEnds;
    private final CampaignSlots slots;
    private final OutboundProperties properties;

    Dials(LivekitRooms rooms, LivekitDialer dialer, CallStarts callStarts, CallEnds callEnds, CampaignSlots slots,
          OutboundProperties properties) {
        this.rooms = rooms;
        this.dialer = dialer;
        this.callStarts = callStarts;
        this.callEnds = callEnds;
        this.slots = slots;
        this.properties = properties;
    }

    /** Runs in the background; {@code campaign} is the campaign whose slot the call holds, or null. */
    void dial(Call call, CallPlans.Plan plan, Answer answer, Map<String, String> attributes, String campaign) {
        CreateSIPParticipantRequest request = CreateSIPParticipantRequest.newBuilder()
                .setSipTrunkId(plan.trunkId()).setSipCallTo(call.toE164()).setSipNumber(call.fromE164())
                .setRoomName(call.roomName()).setParticipantIdentity("sip_" + call.toE164())
                .setParticipantName(call.toE164()).putAllParticipantAttributes(attributes).setWaitUntilAnswered(true)
                .setRingingTimeout(seconds(properties.ringingTimeout().toSeconds()))
                .setMaxCallDuration(seconds(properties.maxCallDuration().toSeconds())).build();
        Mono.defer(() -> rooms.createWithAgent(call.roomName(), answer.agentName(), answer.metadata(),
                        properties.roomEmptyTimeout()))
                .then(Mono.defer(() -> dialer.dial(request, properties.ringingTimeout().plusSeconds(30))))
                .flatMap(answered -> callStarts.joined(call, new Joined(Instant.now(), "room_config", null), plan.decision()))
                .onErrorResume(failure -> notAnswered(call, campaign, failure))
                .subscribe(null, e -> CallLogs.about(log.atError(), call.callId(), call.roomName()).log("call out {} has no end recorded: {}", call.callId(), e.toString()));
    }

    private Mono<Void> notAnswered(Call call, String campaign, Throwable failure) {
        Integer sip = failure instanceof LivekitDialer.Refused r ? r.sipCode() : null;
        String cause = sip != null ? "sip_" + sip : REFUSED;
        CallLogs.about(log.atInfo(), call.callId(), call.roomName()).log("call out {} to {} not answered: {}", call.callId(), call.toE164(), failure.toString());
        return callEnds.callerLeft(new CallEnds.CallerLeft("outbound/" + call.callId(), Instant.now(), EventSource.outbound,
                        call.roomName(), call.callId(), null, message(failure), call.fromE164(), call.toE164(),
                        new Hangup(status(sip), cause, "livekit", sip)))
                .then(campaign == null ? Mono.empty() : slots.release(campaign, call.callId()))
                .then(Mono.defer(() -> rooms.delete(call.roomName())).onErrorResume(e -> Mono.empty()));
    }

    /** A SIP status in the call log's words: busy, no answer (not answered in time, or the dial given up), else failed. */
    static String status(Integer sip) {
        if (sip == null) {
            return Hangup.FAILED;
        }
        return switch (sip) {
            case 486, 600 -> Hangup.BUSY;
            case 408, 480, 487 -> Hangup.NO_ANSWER;
            default -> Hangup.FAILED;
        };
    }

    private static String message(Throwable failure) {
        String m = String.valueOf(failure.getMessage());
        return m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static com.google.protobuf.Duration seconds(long s) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(s).build();
    }
}
