package io.switchboard.stack.livekit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.Room;

/**
 * Rooms, the agent dispatches in each (what LiveKit's agent dispatch service lists, creates and deletes) and the
 * participants that joined them (whose attributes RoomService updates).
 */
final class Rooms {
    private final Map<String, List<AgentDispatch>> dispatches = new LinkedHashMap<>();
    /** room → identity → participant. */
    private final Map<String, Map<String, ParticipantInfo>> participants = new LinkedHashMap<>();
    /** Rooms made through RoomService (name → room), which it deletes. */
    private final Map<String, Room> created = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    synchronized AgentDispatch dispatch(String room, String agent, String metadata) {
        AgentDispatch d = AgentDispatch.newBuilder().setId("AD_" + Long.toString(ids.incrementAndGet() + 1_000_000, 36))
                .setRoom(room).setAgentName(agent).setMetadata(metadata).build();
        dispatches.computeIfAbsent(room, r -> new ArrayList<>()).add(d);
        return d;
    }

    /** A room created with a configuration that names agents: LiveKit dispatches each one as the room starts. */
    synchronized void create(String room, List<RoomAgentDispatch> agents) {
        dispatches.computeIfAbsent(room, r -> new ArrayList<>());
        agents.forEach(a -> dispatch(room, a.getAgentName(), a.getMetadata()));
    }

    /** RoomService's CreateRoom: LiveKit answers an existing room as it is (its agents are dispatched once). */
    synchronized Room createRoom(String name, List<RoomAgentDispatch> agents) {
        Room existing = created.get(name);
        if (existing != null) {
            return existing;
        }
        Room room = Room.newBuilder().setName(name).setSid("RM_" + Long.toString(ids.incrementAndGet() + 1_000_000, 36))
                .setCreationTime(System.currentTimeMillis() / 1000).setCreationTimeMs(System.currentTimeMillis()).build();
        created.put(name, room);
        create(name, agents);
        return room;
    }

    synchronized void deleteRoom(String name) {
        if (created.remove(name) == null) {
            throw TwirpError.notFound("room " + name);
        }
        dispatches.remove(name);
        participants.remove(name);
    }

    /** The rooms RoomService made, those named in {@code names} (all when empty). */
    synchronized List<Room> rooms(List<String> names) {
        return created.values().stream().filter(r -> names.isEmpty() || names.contains(r.getName())).toList();
    }

    synchronized List<String> roomNames() {
        return List.copyOf(created.keySet());
    }

    synchronized List<AgentDispatch> list(String room) {
        return List.copyOf(dispatches.getOrDefault(room, List.of()));
    }

    synchronized AgentDispatch delete(String room, String id) {
        List<AgentDispatch> in = dispatches.getOrDefault(room, new ArrayList<>());
        AgentDispatch found = in.stream().filter(d -> d.getId().equals(id)).findFirst()
                .orElseThrow(() -> TwirpError.notFound("dispatch " + id + " in room " + room));
        in.remove(found);
        return found;
    }

    synchronized void join(String room, ParticipantInfo participant) {
        participants.computeIfAbsent(room, r -> new LinkedHashMap<>()).put(participant.getIdentity(), participant);
    }

    /**
     * RoomService's UpdateParticipant, for attributes as LiveKit applies them: merged into the participant's, an empty
     * value removing its key. A participant not in the room is not found.
     */
    synchronized ParticipantInfo updateAttributes(String room, String identity, Map<String, String> attributes) {
        ParticipantInfo p = participant(room, identity)
                .orElseThrow(() -> TwirpError.notFound("participant " + identity + " in room " + room));
        Map<String, String> merged = new LinkedHashMap<>(p.getAttributesMap());
        attributes.forEach((k, v) -> {
            if (v.isEmpty()) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        ParticipantInfo updated = p.toBuilder().clearAttributes().putAllAttributes(merged).build();
        participants.get(room).put(identity, updated);
        return updated;
    }

    synchronized java.util.Optional<ParticipantInfo> participant(String room, String identity) {
        return java.util.Optional.ofNullable(participants.getOrDefault(room, Map.of()).get(identity));
    }

    synchronized void wipe() {
        dispatches.clear();
        created.clear();
        participants.clear();
    }
}
