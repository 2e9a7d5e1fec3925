package io.switchboard.livekit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * What LiveKit held of Switchboard's own at the last listing, kept up to date by every change the sync made since.
 * Things made by hand are not kept here at all, so nothing can change them. Where LiveKit holds two rules of the
 * same name (a create whose answer was lost, then retried), the first is kept and the others are surplus.
 */
final class SipState {
    final Map<String, SIPDispatchRuleInfo> rules = new HashMap<>();
    final Map<Integer, SIPInboundTrunkInfo> trunks = new HashMap<>();
    final List<SIPDispatchRuleInfo> surplusRules = new ArrayList<>();
    final List<SIPInboundTrunkInfo> surplusTrunks = new ArrayList<>();
    int foreignRules;
    int foreignTrunks;

    static SipState listed(List<SIPInboundTrunkInfo> trunkList, List<SIPDispatchRuleInfo> ruleList) {
        SipState state = new SipState();
        trunkList.stream().sorted(Comparator.comparing(SIPInboundTrunkInfo::getSipTrunkId)).forEach(t -> {
            var partition = Names.partitionOfTrunk(t.getName());
            if (partition.isEmpty()) {
                state.foreignTrunks++;
            } else if (state.trunks.putIfAbsent(partition.getAsInt(), t) != null) {
                state.surplusTrunks.add(t);
            }
        });
        ruleList.stream().sorted(Comparator.comparing(SIPDispatchRuleInfo::getSipDispatchRuleId)).forEach(r -> {
            if (!Names.own(r.getName())) {
                state.foreignRules++;
            } else if (state.rules.putIfAbsent(r.getName(), r) != null) {
                state.surplusRules.add(r);
            }
        });
        return state;
    }

    String trunkId(int partition) {
        SIPInboundTrunkInfo t = trunks.get(partition);
        return t == null ? null : t.getSipTrunkId();
    }
}
