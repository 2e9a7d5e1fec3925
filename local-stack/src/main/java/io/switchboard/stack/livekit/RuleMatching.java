package io.switchboard.stack.livekit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * How LiveKit picks the trunk and the rule of an inbound call (no PINs here): the trunk listing the called number,
 * else a trunk listing none; then among rules naming that trunk, else among rules naming no trunk, those whose caller
 * and called-number filters admit the call, the most specific first (a called-number filter, then a caller filter).
 */
final class RuleMatching {
    private RuleMatching() {
    }

    static List<String> keys(SIPDispatchRuleInfo r) {
        List<String> keys = new ArrayList<>();
        String pin = r.getRule().hasDispatchRuleIndividual() ? r.getRule().getDispatchRuleIndividual().getPin()
                : r.getRule().getDispatchRuleDirect().getPin();
        for (String trunk : orAny(r.getTrunkIdsList())) {
            for (String caller : orAny(r.getInboundNumbersList())) {
                for (String called : orAny(r.getNumbersList())) {
                    keys.add(pin + "|" + trunk + "|" + caller + "|" + called);
                }
            }
        }
        return keys;
    }

    static Optional<SIPInboundTrunkInfo> trunk(List<SIPInboundTrunkInfo> trunks, String called) {
        return trunks.stream().filter(t -> t.getNumbersList().contains(called)).findFirst()
                .or(() -> trunks.stream().filter(t -> t.getNumbersCount() == 0).findFirst());
    }

    static Optional<SIPDispatchRuleInfo> rule(List<SIPDispatchRuleInfo> rules, String trunkId, String caller, String called) {
        List<SIPDispatchRuleInfo> admitting = rules.stream()
                .filter(r -> r.getInboundNumbersCount() == 0 || r.getInboundNumbersList().contains(caller))
                .filter(r -> r.getNumbersCount() == 0 || r.getNumbersList().contains(called)).toList();
        Comparator<SIPDispatchRuleInfo> specificFirst = Comparator
                .comparingInt((SIPDispatchRuleInfo r) -> r.getNumbersCount() > 0 ? 0 : 1)
                .thenComparingInt(r -> r.getInboundNumbersCount() > 0 ? 0 : 1)
                .thenComparing(SIPDispatchRuleInfo::getSipDispatchRuleId);
        return admitting.stream().filter(r -> trunkId != null && r.getTrunkIdsList().contains(trunkId)).min(specificFirst)
                .or(() -> admitting.stream().filter(r -> r.getTrunkIdsCount() == 0).min(specificFirst));
    }

    private static List<String> orAny(List<String> values) {
        return values.isEmpty() ? List.of("") : values;
    }
}
