package io.switchboard.stack.testing.livekit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import livekit.LivekitAgentDispatch.AgentDispatch;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;

/** Rooms and the agent dispatches in each: what LiveKit's agent dispatch service lists, creates and deletes. */
final class Rooms {
    private final Map<String, List<AgentDispatch>> dispatches = new LinkedHashMap<>();
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

    synchronized void wipe() {
        dispatches.clear();
    }
}
