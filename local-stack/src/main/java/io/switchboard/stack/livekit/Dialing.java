package io.switchboard.stack.livekit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.SIPParticipantInfo;

/**
 * LiveKit's side of a call out (SIP CreateSIPParticipant): the outbound trunk must exist, and the callee's answer is
 * what the test set for that number: answered by default, else a SIP status LiveKit reports as a Twirp error carrying
 * {@code sip_status_code} and {@code sip_status} in its meta. Every request is kept for assertions.
 */
final class Dialing {
    private final Set<String> trunks = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final List<CreateSIPParticipantRequest> dialled = new CopyOnWriteArrayList<>();

    void trunk(String trunkId) {
        trunks.add(trunkId);
    }

    void answer(String number, int sipStatus) {
        answers.put(number, sipStatus);
    }

    List<CreateSIPParticipantRequest> dialled() {
        return List.copyOf(dialled);
    }

    SIPParticipantInfo dial(CreateSIPParticipantRequest request, Rooms rooms) {
        if (request.getSipTrunkId().isBlank() || request.getSipCallTo().isBlank() || request.getRoomName().isBlank()) {
            throw TwirpError.invalid("sip_trunk_id, sip_call_to and room_name are required");
        }
        if (!trunks.contains(request.getSipTrunkId())) {
            throw TwirpError.notFound("object cannot be found: outbound trunk " + request.getSipTrunkId());
        }
        dialled.add(request);
        int status = answers.getOrDefault(request.getSipCallTo(), 200);
        if (status >= 300) {
            throw new TwirpError(status >= 500 ? 503 : 400, status >= 500 ? "unavailable" : "failed_precondition",
                    "INVITE failed: sip status: " + status, Map.of("sip_status_code", Integer.toString(status),
                    "sip_status", reason(status)));
        }
        if (!rooms.roomNames().contains(request.getRoomName())) {
            rooms.create(request.getRoomName(), List.of()); // LiveKit makes the room a participant joins
        }
        String identity = request.getParticipantIdentity().isBlank() ? "sip_" + request.getSipCallTo()
                : request.getParticipantIdentity();
        return SIPParticipantInfo.newBuilder().setParticipantId("PA_" + UUID.randomUUID().toString().substring(0, 12))
                .setParticipantIdentity(identity).setRoomName(request.getRoomName())
                .setSipCallId("SCL_" + UUID.randomUUID().toString().substring(0, 12)).build();
    }

    void wipe() {
        trunks.clear();
        answers.clear();
        dialled.clear();
    }

    private static String reason(int status) {
        return switch (status) {
            case 486 -> "SIP_STATUS_BUSY_HERE";
            case 480 -> "SIP_STATUS_TEMPORARILY_UNAVAILABLE";
            case 408 -> "SIP_STATUS_REQUEST_TIMEOUT";
            case 487 -> "SIP_STATUS_REQUEST_TERMINATED";
            case 404 -> "SIP_STATUS_NOT_FOUND";
            default -> "SIP_STATUS_" + status;
        };
    }
}
