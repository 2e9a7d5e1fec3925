package io.switchboard.livekit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import livekit.LivekitSip.SIPDispatchRuleInfo;

/**
 * The changes that make LiveKit's rules and trunks (only Switchboard's own, {@link SipState}) say what {@link Desired}
 * says, for some rule names and partitions. Ordered so that no call is admitted without its rule: trunks that do not
 * exist are created first (their rules need the id), numbers leave a trunk before their rules go, and join a trunk
 * only once their rule exists.
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
                    changes.add(new Change.CreateTrunk(p, Names.trunk(p), List.copyOf(want)));
                }
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

    /** A number joins its trunk once its rule is in LiveKit. */
    List<Change> trunkAdditions(Collection<Integer> partitions) {
        List<Change> changes = new ArrayList<>();
        for (int p : managed(partitions)) {
            var have = state.trunks.get(p);
            if (have != null) {
                Set<String> listed = new TreeSet<>(have.getNumbersList());
                List<String> add = desired.trunkNumbers(p).stream()
                        .filter(n -> !listed.contains(n) && state.rules.containsKey(Names.rule(n))).toList();
                if (!add.isEmpty()) {
                    changes.add(new Change.ChangeTrunk(p, have.getSipTrunkId(), have.getName(), add, List.of()));
                }
            }
        }
        return changes;
    }

    /** Empty when the rule is already right, or when its trunk does not exist yet (it follows the trunk's creation). */
    List<Change> rule(String name) {
        RuleSpec spec = desired.rule(name);
        SIPDispatchRuleInfo actual = state.rules.get(name);
        if (spec == null) {
            return actual == null ? List.of() : List.of(new Change.DeleteRule(actual.getSipDispatchRuleId(), name));
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
        if (spec.number().isEmpty()) {
            return null;
        }
        String id = state.trunkId(spec.partition());
        return id == null ? NEW_TRUNK : id;
    }

    private Collection<Integer> managed(Collection<Integer> partitions) {
        return settings.managedTrunks() ? partitions : List.of();
    }
}
