package io.switchboard.stack.livekit;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import livekit.LivekitAgentDispatch.CreateAgentDispatchRequest;
import livekit.LivekitAgentDispatch.DeleteAgentDispatchRequest;
import livekit.LivekitAgentDispatch.ListAgentDispatchRequest;
import livekit.LivekitAgentDispatch.ListAgentDispatchResponse;
import livekit.LivekitRoom.CreateRoomRequest;
import livekit.LivekitRoom.DeleteRoomRequest;
import livekit.LivekitRoom.DeleteRoomResponse;
import livekit.LivekitRoom.ListRoomsRequest;
import livekit.LivekitRoom.ListRoomsResponse;
import livekit.LivekitRoom.UpdateParticipantRequest;
import livekit.LivekitSip.CreateSIPDispatchRuleRequest;
import livekit.LivekitSip.CreateSIPInboundTrunkRequest;
import livekit.LivekitSip.CreateSIPParticipantRequest;
import livekit.LivekitSip.DeleteSIPDispatchRuleRequest;
import livekit.LivekitSip.DeleteSIPTrunkRequest;
import livekit.LivekitSip.ListSIPDispatchRuleRequest;
import livekit.LivekitSip.ListSIPDispatchRuleResponse;
import livekit.LivekitSip.ListSIPInboundTrunkRequest;
import livekit.LivekitSip.ListSIPInboundTrunkResponse;
import livekit.LivekitSip.UpdateSIPDispatchRuleRequest;
import livekit.LivekitSip.UpdateSIPInboundTrunkRequest;

/** The Twirp methods the fake answers, each behind the grant LiveKit asks for it. */
final class TwirpMethods {
    private TwirpMethods() {
    }

    static Message call(FakeLivekit lk, String method, DecodedJWT jwt, byte[] body, boolean json) {
        if (method.equals("SIP/CreateSIPParticipant")) {
            Grants.sipCall(jwt);
            return lk.dialing.dial(parse(CreateSIPParticipantRequest.newBuilder(), body, json).build(), lk.rooms);
        }
        if (method.startsWith("SIP/")) {
            Grants.sipAdmin(jwt);
        }
        return switch (method) {
            case "SIP/CreateSIPInboundTrunk" -> {
                var req = parse(CreateSIPInboundTrunkRequest.newBuilder(), body, json).build();
                yield lk.sip.createTrunk(req.getTrunk());
            }
            case "SIP/UpdateSIPInboundTrunk" -> {
                var req = parse(UpdateSIPInboundTrunkRequest.newBuilder(), body, json).build();
                if (!req.hasUpdate()) {
                    throw TwirpError.invalid("only the update action is supported here");
                }
                yield lk.sip.updateTrunk(req.getSipTrunkId(), req.getUpdate());
            }
            case "SIP/ListSIPInboundTrunk" -> ListSIPInboundTrunkResponse.newBuilder()
                    .addAllItems(lk.sip.trunks(parse(ListSIPInboundTrunkRequest.newBuilder(), body, json).getPage())).build();
            case "SIP/DeleteSIPTrunk" -> lk.sip.deleteTrunk(parse(DeleteSIPTrunkRequest.newBuilder(), body, json).getSipTrunkId())
                    .toBuilder().build();
            case "SIP/CreateSIPDispatchRule" -> {
                var req = parse(CreateSIPDispatchRuleRequest.newBuilder(), body, json).build();
                if (!req.hasDispatchRule()) {
                    throw TwirpError.invalid("dispatch_rule is required");
                }
                yield lk.sip.createRule(req.getDispatchRule());
            }
            case "SIP/UpdateSIPDispatchRule" -> {
                var req = parse(UpdateSIPDispatchRuleRequest.newBuilder(), body, json).build();
                if (!req.hasReplace()) {
                    throw TwirpError.invalid("only the replace action is supported here");
                }
                yield lk.sip.replaceRule(req.getSipDispatchRuleId(), req.getReplace());
            }
            case "SIP/ListSIPDispatchRule" -> ListSIPDispatchRuleResponse.newBuilder()
                    .addAllItems(lk.sip.rules(parse(ListSIPDispatchRuleRequest.newBuilder(), body, json).getPage())).build();
            case "SIP/DeleteSIPDispatchRule" ->
                    lk.sip.deleteRule(parse(DeleteSIPDispatchRuleRequest.newBuilder(), body, json).getSipDispatchRuleId());
            case "AgentDispatchService/CreateDispatch" -> {
                var req = parse(CreateAgentDispatchRequest.newBuilder(), body, json).build();
                Grants.roomAdmin(jwt, req.getRoom());
                yield lk.rooms.dispatch(req.getRoom(), req.getAgentName(), req.getMetadata());
            }
            case "AgentDispatchService/ListDispatch" -> {
                var req = parse(ListAgentDispatchRequest.newBuilder(), body, json).build();
                Grants.roomAdmin(jwt, req.getRoom());
                yield ListAgentDispatchResponse.newBuilder().addAllAgentDispatches(lk.rooms.list(req.getRoom())).build();
            }
            case "AgentDispatchService/DeleteDispatch" -> {
                var req = parse(DeleteAgentDispatchRequest.newBuilder(), body, json).build();
                Grants.roomAdmin(jwt, req.getRoom());
                yield lk.rooms.delete(req.getRoom(), req.getDispatchId());
            }
            case "RoomService/CreateRoom" -> {
                var req = parse(CreateRoomRequest.newBuilder(), body, json).build();
                Grants.video(jwt, "roomCreate");
                if (req.getName().isBlank()) {
                    throw TwirpError.invalid("name is required");
                }
                yield lk.rooms.createRoom(req.getName(), req.getAgentsList());
            }
            case "RoomService/ListRooms" -> {
                var req = parse(ListRoomsRequest.newBuilder(), body, json).build();
                Grants.video(jwt, "roomList");
                yield ListRoomsResponse.newBuilder().addAllRooms(lk.rooms.rooms(req.getNamesList())).build();
            }
            case "RoomService/DeleteRoom" -> {
                var req = parse(DeleteRoomRequest.newBuilder(), body, json).build();
                Grants.video(jwt, "roomCreate");
                lk.rooms.deleteRoom(req.getRoom());
                yield DeleteRoomResponse.getDefaultInstance();
            }
            case "RoomService/UpdateParticipant" -> {
                var req = parse(UpdateParticipantRequest.newBuilder(), body, json).build();
                Grants.roomAdmin(jwt, req.getRoom());
                if (!req.getMetadata().isEmpty() || !req.getName().isEmpty() || req.hasPermission()) {
                    throw TwirpError.invalid("only attributes are updated here");
                }
                yield lk.rooms.updateAttributes(req.getRoom(), req.getIdentity(), req.getAttributesMap());
            }
            default -> throw new TwirpError(404, "bad_route", "no such method: " + method);
        };
    }

    @SuppressWarnings("unchecked")
    private static <B extends Message.Builder> B parse(B builder, byte[] body, boolean json) {
        try {
            if (json) {
                JsonFormat.parser().ignoringUnknownFields().merge(new String(body, StandardCharsets.UTF_8), builder);
            } else {
                builder.mergeFrom(body);
            }
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new TwirpError(400, "malformed", "the body is not a " + builder.getDescriptorForType().getName() + ": "
                    + e.getMessage());
        }
    }
}
