package io.switchboard.ingress.edge.livekit;

import io.switchboard.events.EventSource;
import io.switchboard.ingress.calls.CallEnds;
import io.switchboard.ingress.calls.CallStarts;
import io.switchboard.ingress.calls.CampaignSlots;
import io.switchboard.ingress.calls.Hangup;
import io.switchboard.ingress.livekit.WebParticipants;
import java.time.Instant;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitWebhook.WebhookEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The callee of a call out (a SIP participant carrying the attributes its dial gave it). Its join is not the answer
 * (LiveKit adds it as the phone starts ringing; the dial reports the answer), and its departure unanswered is the
 * dial's to report, with the SIP status LiveKit gives only there. So only an answered call's end is reported here,
 * on whichever instance LiveKit's webhook reaches, and its campaign slot given back.
 */
@Component
class OutboundParticipantEvents {
    private final CallEnds callEnds;
    private final CampaignSlots slots;

    OutboundParticipantEvents(CallEnds callEnds, CampaignSlots slots) {
        this.callEnds = callEnds;
        this.slots = slots;
    }

    static boolean isCallee(ParticipantInfo p) {
        return p.getKind() == ParticipantInfo.Kind.SIP
                && CallStarts.OUTBOUND.equals(p.getAttributesOrDefault(WebParticipants.DIRECTION, ""))
                && !p.getAttributesOrDefault(WebParticipants.CALL_ID, "").isEmpty();
    }

    /** True when an end was reported: the callee had answered (LiveKit's reason is a normal end). */
    Mono<Boolean> left(WebhookEvent event, Instant at, String basis, String reason) {
        ParticipantInfo p = event.getParticipant();
        String status = LivekitEvents.status(p.getDisconnectReason());
        if (!Hangup.COMPLETED.equals(status)) {
            return Mono.just(false);
        }
        String callId = p.getAttributesOrThrow(WebParticipants.CALL_ID);
        String campaign = p.getAttributesOrDefault(WebParticipants.CAMPAIGN, "");
        boolean slot = "true".equals(p.getAttributesOrDefault(WebParticipants.SLOT, "")) && !campaign.isEmpty();
        return callEnds.callerLeft(new CallEnds.CallerLeft(basis, at, EventSource.livekit_webhook,
                        event.getRoom().getName(), callId, p.getIdentity(), reason,
                        p.getAttributesOrDefault(WebParticipants.FROM, null),
                        p.getAttributesOrDefault(WebParticipants.TO, null), Hangup.of(status)))
                .then(slot ? slots.release(campaign, callId) : Mono.empty())
                .thenReturn(true);
    }
}
