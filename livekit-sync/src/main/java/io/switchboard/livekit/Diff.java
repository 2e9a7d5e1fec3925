package io.switchboard.livekit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The changes that make LiveKit's rules and trunks (only Switchboard's own, {@link SipState}) say what {@link Desired}
 * says, for some rule names and partitions. Ordered so that no call is admitted without its rule and LiveKit never sees
 * one number in two rules of a trunk: trunks that do not exist are created first (their rules need the id), numbers
 * leave a trunk before their rules go, rules lose numbers before any rule gains one, and numbers join a trunk only
 * once a rule lists them.
 */
final class Diff {
    static final String NEW_TRUNK = "<new trunk>";

    private final Desired desired;
    private final SipState state;
    private final SyncSettings settings;
    private final boolean planning;

    /** {@code planning}: a rule whose trunk is still to be created is listed too, naming the trunk {@value #NEW_TRUNK}. */
    Diff(Desired desired, SipState state, SyncSettings settings, boolean planning) {
        this.desired = desired;
        this.state = state;
        this.settings = settings;
        this.planning = planning;
    }

    List<Change> trunkCreations(Collection<Integer> partitions) {
        List<Change> changes = new ArrayList<>();
        if (settings.managedTrunks()) {
            for (int p : partitions) {
                Set<String> want = desired.trunkNumbers(p);
                if (state.trunks.get(p) == null && !want.isEmpty()) {
                    changes.add(new Change.CreateTrunk(p, Names.trunk(p), List.copyOf(want), settings.trunkAccess()));
                }
            }
        }
        return changes;
    }

    /** A managed trunk whose allowed addresses or login differ from the settings gets them. */
    List<Change> trunkAccess(Collection<Integer> partitions) {
        List<Change> changes = new ArrayList<>();
        for (int p : managed(partitions)) {
            var have = state.trunks.get(p);
            if (have != null && !settings.trunkAccess().matches(have)) {
                changes.add(new Change.SecureTrunk(p, have.getSipTrunkId(), have.getName(),
                        List.copyOf(have.getAllowedAddressesList()), settings.trunkAccess()));
            }
        }
        return changes;
    }

    List<Change> trunkRemovals(Collection<Integer> partitions) {
        List<Change> changes = new ArrayList<>();
        for (int p : managed(partitions)) {
            var have = state.trunks.get(p);
            Set<String> want = desired.trunkNumbers(p);
            if (have != null && want.isEmpty()) {
                changes.add(new Change.DeleteTrunk(p, have.getSipTrunkId(), have.getName()));
            } else if (have != null) {
                List<String> remove = have.getNumbersList().stream().filter(n -> !want.contains(n)).toList();
                if (!remove.isEmpty()) {
                    changes.add(new Change.ChangeTrunk(p, have.getSipTrunkId(), have.getName(), List.of(), remove));
                }
            }
        }
        return changes;
    }

    /** A number joins its trunk once a rule of Switchboard's lists it. */
    List<Change> trunkAdditions(Collection<Integer> partitions) {
        List<Change> changes = new ArrayList<>();
        for (int p : managed(partitions)) {
            var have = state.trunks.get(p);
            if (have != null) {
                Set<String> listed = new TreeSet<>(have.getNumbersList());
                Set<String> covered = new HashSet<>();
                state.rules.values().stream().filter(r -> Names.partitionOfRule(r.getName()) == p)
                        .forEach(r -> covered.addAll(r.getNumbersList()));
                List<String> add = desired.trunkNumbers(p).stream()
                        .filter(n -> !listed.contains(n) && covered.contains(n)).toList();
                if (!add.isEmpty()) {
                    changes.add(new Change.ChangeTrunk(p, have.getSipTrunkId(), have.getName(), add, List.of()));
                }
            }
        }
        return changes;
    }

    /**
     * First step for a rule: it loses the numbers it should no longer list (a rule that keeps none is deleted, never left
     * listing no numbers, which would match every number of its trunk). LiveKit refuses two rules of one trunk listing
     * the same number, so every loss is made before any gain.
     */
    List<Change> shrink(String name) {
        RuleSpec spec = desired.rule(name);
        SIPDispatchRuleInfo actual = state.rules.get(name);
        if (actual == null) {
            return List.of();
        }
        if (spec == null) {
            return List.of(new Change.DeleteRule(actual.getSipDispatchRuleId(), name));
        }
        if (spec.catchAll()) {
            return List.of();
        }
        List<String> keep = actual.getNumbersList().stream().filter(spec.numbers()::contains).sorted().toList();
        if (keep.size() == actual.getNumbersCount()) {
            return List.of();
        }
        if (keep.isEmpty()) {
            return List.of(new Change.DeleteRule(actual.getSipDispatchRuleId(), name));
        }
        String trunk = actual.getTrunkIdsCount() == 0 ? null : actual.getTrunkIds(0);
        return List.of(new Change.ReplaceRule(actual.getSipDispatchRuleId(), name, actual,
                spec.toRule(trunk, settings.roomPrefix(), keep)));
    }

    /** Second step: the rule as it should be. Empty when it already is, or when its trunk does not exist yet. */
    List<Change> grow(String name) {
        RuleSpec spec = desired.rule(name);
        SIPDispatchRuleInfo actual = state.rules.get(name);
        if (spec == null) {
            return List.of();
        }
        String trunk = trunkFor(spec);
        if (NEW_TRUNK.equals(trunk) && !planning) {
            return List.of();
        }
        if (actual == null) {
            return List.of(new Change.CreateRule(name, spec.toRule(trunk, settings.roomPrefix())));
        }
        if (!spec.matches(actual, trunk, settings.roomPrefix())) {
            return List.of(new Change.ReplaceRule(actual.getSipDispatchRuleId(), name, actual, spec.toRule(trunk, settings.roomPrefix())));
        }
        return List.of();
    }

    /** The trunk a rule names: the operator's, none (the catch-all on managed trunks matches every trunk), or the partition's. */
    String trunkFor(RuleSpec spec) {
        if (!settings.managedTrunks()) {
            return settings.inboundTrunkId();
        }
        if (spec.catchAll()) {
            return null;
        }
        String id = state.trunkId(spec.partition());
        return id == null ? NEW_TRUNK : id;
    }

    private Collection<Integer> managed(Collection<Integer> partitions) {
        return settings.managedTrunks() ? partitions : List.of();
    }
}
