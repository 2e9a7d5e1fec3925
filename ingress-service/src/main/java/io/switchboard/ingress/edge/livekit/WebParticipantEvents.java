package io.switchboard.ingress.edge.livekit;

import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.Call;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.Hangup;
import io.switchboard.ingress.calls.Joined;
import io.switchboard.ingress.calls.UnansweredCalls;
import io.switchboard.ingress.livekit.WebParticipants;
import io.switchboard.ingress.routing.Decision;
import java.time.Instant;
import java.util.Map;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A web caller (a browser that joined with a web-call token) joining and leaving, known by the attributes its token
 * gave it: the join is the call's answer (its agent came with the room's configuration), the departure its end.
 */
@Component
class WebParticipantEvents {
    private final CallStarts callStarts;
    private final CallEnds callEnds;
    private final UnansweredCalls unanswered;

    WebParticipantEvents(CallStarts callStarts, CallEnds callEnds, UnansweredCalls unanswered) {
        this.callStarts = callStarts;
        this.callEnds = callEnds;
        this.unanswered = unanswered;
    }

    static boolean isWebCaller(ParticipantInfo p) {
        return p.getKind() != ParticipantInfo.Kind.SIP && p.getKind() != ParticipantInfo.Kind.AGENT
                && !p.getAttributesOrDefault(WebParticipants.CALL_ID, "").isEmpty();
    }

    Mono<Void> joined(WebhookEvent event, Instant at) {
        ParticipantInfo p = event.getParticipant();
        Map<String, String> a = p.getAttributesMap();
        Decision decision = new Decision(a.getOrDefault(WebParticipants.AGENT, ""), a.getOrDefault(WebParticipants.ROUTING,
                Decision.REQUESTED_AGENT), null, a.get(WebParticipants.TENANT), a.get(WebParticipants.CAMPAIGN), null);
        Call call = call(event, at);
        unanswered.answered(call.callId());
        return callStarts.joined(call, new Joined(at, "room_config", null), decision);
    }

    Mono<Void> left(WebhookEvent event, Instant at, String basis, String reason) {
        ParticipantInfo p = event.getParticipant();
        Call call = call(event, at);
        return callEnds.callerLeft(new CallEnds.CallerLeft(basis, at, EventSource.livekit_webhook, call.roomName(),
                call.callId(), p.getIdentity(), reason, call.fromE164(), call.toE164(),
                Hangup.of(LivekitEvents.status(p.getDisconnectReason()))));
    }

    private static Call call(WebhookEvent event, Instant at) {
        ParticipantInfo p = event.getParticipant();
        return new Call(p.getAttributesOrThrow(WebParticipants.CALL_ID), event.getRoom().getName(), null, null,
                WebParticipants.CALLER_PREFIX + p.getIdentity(), p.getAttributesOrDefault(WebParticipants.TO, ""), at,
                EventSource.web);
    }
}
