package io.switchboard.routing.slot;

import io.switchboard.platform.web.ApiException;
import io.switchboard.platform.web.Fields;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Slots of a campaign's max_concurrent, taken by whichever service dials a call (the ingress's outbound calls) and
 * released by the call's end: 201 with the slot, or 429 with Retry-After when every slot is held. A campaign without
 * a limit always has one. Taking for a call that holds one renews it; releasing twice is no error.
 */
@RestController
@RequestMapping("/api/v1/campaigns/{campaignId}/slots")
class SlotController {
    private static final Duration LONGEST_HOLD = Duration.ofHours(24);

    private final CampaignSlots slots;
    private final SlotProperties properties;

    SlotController(CampaignSlots slots, SlotProperties properties) {
        this.slots = slots;
        this.properties = properties;
    }

    /** {@code call_id} (required) and {@code hold_seconds}: how long the slot lasts if no end releases it. */
    record SlotRequest(String callId, Long holdSeconds) {
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> take(@PathVariable String campaignId, @RequestBody SlotRequest body) {
        UUID campaign = Fields.uuid("campaign_id", campaignId);
        String call = Fields.maxLength("call_id", Fields.required("call_id", body.callId()), 200);
        Duration hold = body.holdSeconds() == null ? properties.defaultHold() : Duration.ofSeconds(body.holdSeconds());
        if (hold.isNegative() || hold.isZero() || hold.compareTo(LONGEST_HOLD) > 0) {
            throw ApiException.invalidField("hold_seconds", "must be between 1 and " + LONGEST_HOLD.toSeconds());
        }
        return slots.take(campaign, call, hold).map(taken -> {
            if (!taken.campaignFound()) {
                throw ApiException.notFound("campaign", campaignId);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            if (taken.until() == null) {
                answer.put("error", "campaign_busy");
                answer.put("message", "campaign " + campaignId + " has all of its " + taken.maxConcurrent()
                        + " concurrent calls (max_concurrent) in progress");
                return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds())).body(answer);
            }
            answer.put("call_id", call);
            answer.put("campaign_id", campaignId);
            answer.put("until", taken.until().toString());
            answer.put("held", taken.held());
            answer.put("max_concurrent", taken.maxConcurrent());
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        });
    }

    @DeleteMapping("/{callId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> release(@PathVariable String campaignId, @PathVariable String callId) {
        return slots.release(Fields.uuid("campaign_id", campaignId), callId).then();
    }
}
