package io.switchboard.livekit;

import java.util.List;
import java.util.Map;
import livekit.LivekitAgentDispatch.RoomAgentDispatch;
import livekit.LivekitRoom.RoomConfiguration;
import livekit.LivekitSip.SIPDispatchRule;
import livekit.LivekitSip.SIPDispatchRuleIndividual;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The dispatch rule one number (or the catch-all, {@code number} empty) should have: calls to the number go to a room
 * of their own whose configuration dispatches the routed agent with the number's metadata.
 */
record RuleSpec(String name, String number, int partition, String agent, String metadata, Map<String, String> attributes) {

    SIPDispatchRuleInfo toRule(String trunkId, String roomPrefix) {
        var rule = SIPDispatchRuleInfo.newBuilder().setName(name)
                .setRule(SIPDispatchRule.newBuilder().setDispatchRuleIndividual(
                        SIPDispatchRuleIndividual.newBuilder().setRoomPrefix(roomPrefix)))
                .putAllAttributes(attributes)
                .setRoomConfig(RoomConfiguration.newBuilder().addAgents(
                        RoomAgentDispatch.newBuilder().setAgentName(agent).setMetadata(metadata)));
        if (trunkId != null) {
            rule.addTrunkIds(trunkId);
        }
        if (!number.isEmpty()) {
            rule.addNumbers(number);
        }
        return rule.build();
    }

    /** Whether LiveKit's rule already says what this spec says (fields LiveKit adds itself are not compared). */
    boolean matches(SIPDispatchRuleInfo actual, String trunkId, String roomPrefix) {
        SIPDispatchRuleInfo want = toRule(trunkId, roomPrefix);
        return actual.getName().equals(want.getName())
                && actual.getTrunkIdsList().equals(want.getTrunkIdsList())
                && actual.getNumbersList().equals(want.getNumbersList())
                && actual.getRule().equals(want.getRule())
                && actual.getAttributesMap().equals(want.getAttributesMap())
                && agents(actual).equals(agents(want));
    }

    private static List<List<String>> agents(SIPDispatchRuleInfo rule) {
        return rule.getRoomConfig().getAgentsList().stream().map(a -> List.of(a.getAgentName(), a.getMetadata())).toList();
    }
}
