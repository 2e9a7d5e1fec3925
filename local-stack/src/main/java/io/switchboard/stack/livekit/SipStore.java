package io.switchboard.stack.livekit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import livekit.LivekitModels.ListUpdate;
import livekit.LivekitModels.Pagination;
import livekit.LivekitSip.SIPDispatchRuleInfo;
import livekit.LivekitSip.SIPInboundTrunkInfo;
import livekit.LivekitSip.SIPInboundTrunkUpdate;

/**
 * LiveKit's inbound trunks and dispatch rules, with its checks: no two trunks list the same number (without
 * allowed-number filters), and no two rules share a trunk, caller, called number and PIN. Lists page by id.
 */
final class SipStore {
    private final Map<String, SIPInboundTrunkInfo> trunks = new TreeMap<>();
    private final Map<String, SIPDispatchRuleInfo> rules = new TreeMap<>();
    private final AtomicLong ids = new AtomicLong();

    synchronized SIPInboundTrunkInfo createTrunk(SIPInboundTrunkInfo trunk) {
        SIPInboundTrunkInfo created = trunk.toBuilder().setSipTrunkId(id("ST_")).build();
        checkTrunks(created);
        trunks.put(created.getSipTrunkId(), created);
        return created;
    }

    /** LiveKit's update action: each list by its {@code set}, else its {@code remove} then {@code add}; fields when present. */
    synchronized SIPInboundTrunkInfo updateTrunk(String id, SIPInboundTrunkUpdate update) {
        SIPInboundTrunkInfo trunk = Optional.ofNullable(trunks.get(id)).orElseThrow(() -> TwirpError.notFound("trunk " + id));
        var b = trunk.toBuilder();
        if (update.hasNumbers()) {
            b.clearNumbers().addAllNumbers(applied(trunk.getNumbersList(), update.getNumbers()));
        }
        if (update.hasAllowedAddresses()) {
            b.clearAllowedAddresses().addAllAllowedAddresses(applied(trunk.getAllowedAddressesList(), update.getAllowedAddresses()));
        }
        if (update.hasAuthUsername()) {
            b.setAuthUsername(update.getAuthUsername());
        }
        if (update.hasAuthPassword()) {
            b.setAuthPassword(update.getAuthPassword());
        }
        SIPInboundTrunkInfo updated = b.build();
        checkTrunks(updated);
        trunks.put(id, updated);
        return updated;
    }

    private static List<String> applied(List<String> current, ListUpdate change) {
        List<String> list = new ArrayList<>(change.getSetCount() > 0 ? change.getSetList() : current);
        list.removeAll(change.getRemoveList());
        change.getAddList().stream().filter(n -> !list.contains(n)).forEach(list::add);
        return list;
    }

    synchronized SIPInboundTrunkInfo deleteTrunk(String id) {
        return Optional.ofNullable(trunks.remove(id)).orElseThrow(() -> TwirpError.notFound("trunk " + id));
    }

    synchronized List<SIPInboundTrunkInfo> trunks(Pagination page) {
        return page(trunks, page);
    }

    synchronized SIPDispatchRuleInfo createRule(SIPDispatchRuleInfo rule) {
        SIPDispatchRuleInfo created = rule.toBuilder().setSipDispatchRuleId(id("SDR_")).build();
        checkRules(created);
        rules.put(created.getSipDispatchRuleId(), created);
        return created;
    }

    synchronized SIPDispatchRuleInfo replaceRule(String id, SIPDispatchRuleInfo rule) {
        if (!rules.containsKey(id)) {
            throw TwirpError.notFound("dispatch rule " + id);
        }
        SIPDispatchRuleInfo replaced = rule.toBuilder().setSipDispatchRuleId(id).build();
        checkRules(replaced);
        rules.put(id, replaced);
        return replaced;
    }

    synchronized SIPDispatchRuleInfo deleteRule(String id) {
        return Optional.ofNullable(rules.remove(id)).orElseThrow(() -> TwirpError.notFound("dispatch rule " + id));
    }

    synchronized List<SIPDispatchRuleInfo> rules(Pagination page) {
        return page(rules, page);
    }

    synchronized List<SIPInboundTrunkInfo> allTrunks() {
        return List.copyOf(trunks.values());
    }

    synchronized List<SIPDispatchRuleInfo> allRules() {
        return List.copyOf(rules.values());
    }

    synchronized void wipe() {
        trunks.clear();
        rules.clear();
    }

    private String id(String prefix) {
        return prefix + Long.toString(ids.incrementAndGet() + 1_000_000, 36);
    }

    private static <T> List<T> page(Map<String, T> byId, Pagination page) {
        int limit = page.getLimit() > 0 ? page.getLimit() : Integer.MAX_VALUE;
        return byId.entrySet().stream().filter(e -> e.getKey().compareTo(page.getAfterId()) > 0).limit(limit)
                .map(Map.Entry::getValue).toList();
    }

    private void checkTrunks(SIPInboundTrunkInfo candidate) {
        Map<String, String> byNumber = new HashMap<>();
        for (SIPInboundTrunkInfo t : trunks.values()) {
            if (!t.getSipTrunkId().equals(candidate.getSipTrunkId()) && t.getAllowedNumbersCount() == 0) {
                t.getNumbersList().forEach(n -> byNumber.put(n, t.getSipTrunkId()));
            }
        }
        if (candidate.getAllowedNumbersCount() == 0) {
            for (String n : candidate.getNumbersList()) {
                if (byNumber.containsKey(n)) {
                    throw TwirpError.invalid("Conflicting inbound SIP Trunks: %s and %s, using the same number %s"
                            .formatted(candidate.getSipTrunkId(), byNumber.get(n), n));
                }
            }
        }
    }

    /** LiveKit's key of a rule: PIN, trunk, caller number and called number (blank: any). */
    private void checkRules(SIPDispatchRuleInfo candidate) {
        Map<String, String> taken = new HashMap<>();
        rules.values().stream().filter(r -> !r.getSipDispatchRuleId().equals(candidate.getSipDispatchRuleId()))
                .forEach(r -> RuleMatching.keys(r).forEach(k -> taken.put(k, r.getSipDispatchRuleId())));
        for (String key : RuleMatching.keys(candidate)) {
            if (taken.containsKey(key)) {
                throw TwirpError.invalid("Conflicting SIP Dispatch Rules: same Trunk+Number+PIN combination for %s and %s"
                        .formatted(candidate.getSipDispatchRuleId(), taken.get(key)));
            }
        }
    }
}
