package io.switchboard.livekit;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitRoom.RoomConfiguration;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleIndividual;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The dispatch rule of the numbers of one partition that dispatch alike (the catch-all: no numbers): calls to them go
 * to rooms of their own whose configuration dispatches the routed agent with its metadata.
 */
record RuleSpec(String name, int partition, String agent, String metadata, Map<String, String> attributes,
                SortedSet<String> numbers) {

    boolean catchAll() {
        return name.equals(Names.CATCH_ALL);
    }

    SIPDispatchRuleInfo toRule(String trunkId, String roomPrefix) {
        return toRule(trunkId, roomPrefix, List.copyOf(numbers));
    }

    /** The rule with only some of its numbers: a step while numbers move between rules of one trunk. */
    SIPDispatchRuleInfo toRule(String trunkId, String roomPrefix, List<String> withNumbers) {
        var rule = SIPDispatchRuleInfo.newBuilder().setName(name)
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(
                        SIPDispatchRuleIndividual.newBuilder().setRoomPrefix(roomPrefix)))
                .putAllAttributes(attributes)
                .setRoomConfig(RoomConfiguration.newBuilder().addAgents(
                        RoomAgentDispatch.newBuilder().setAgentName(agent).setMetadata(metadata)))
                .addAllNumbers(withNumbers);
        if (trunkId != null) {
            rule.addTrunkIds(trunkId);
        }
        return rule.build();
    }

    /** Whether LiveKit's rule already says what this spec says (fields LiveKit adds itself are not compared). */
    boolean matches(SIPDispatchRuleInfo actual, String trunkId, String roomPrefix) {
        SIPDispatchRuleInfo want = toRule(trunkId, roomPrefix);
        return actual.getName().equals(want.getName())
                && actual.getTrunkIdsList().equals(want.getTrunkIdsList())
                && actual.getNumbersList().stream().sorted().toList().equals(want.getNumbersList())
                && actual.getRule().equals(want.getRule())
                && actual.getAttributesMap().equals(want.getAttributesMap())
                && agents(actual).equals(agents(want));
    }

    private static List<List<String>> agents(SIPDispatchRuleInfo rule) {
        return rule.getRoomConfig().getAgentsList().stream().map(a -> List.of(a.getAgentName(), a.getMetadata())).toList();
    }
}
