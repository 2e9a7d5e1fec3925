package io.switchboard.livekit;

import io.switchboard.events.RoutingEntry;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync's state machine, with no Kafka in it: routing records in, calls to LiveKit out. Each record marks the
 * rules its number leaves and joins (and its partition's trunk) as pending; {@link #applyPending} works through the pending set in the
 * order records arrived (a rule changed twice is written once, with the latest entries, as a compacted topic would
 * hold them); {@link #reconcile} lists LiveKit and marks whatever differs. A transient failure leaves everything not yet
 * applied pending, so nothing is dropped; the next attempt lists LiveKit first, since a request whose answer was lost
 * may still have taken effect.
 */
final class Syncer {
    private static final Logger log = LoggerFactory.getLogger(Syncer.class);

    private final SipApi api;
    private final SyncSettings settings;
    private final Desired desired;
    private final IntPredicate owns;
    private final Set<String> pendingRules = new LinkedHashSet<>();
    private final Set<Integer> pendingTrunks = new TreeSet<>();
    private SipState state;
    private long refused;

    Syncer(SipApi api, SyncSettings settings, IntPredicate owns) {
        this.api = api;
        this.settings = settings;
        this.desired = new Desired(settings);
        this.owns = owns;
    }

    void record(int partition, String number, RoutingEntry entry) {
        pendingRules.addAll(desired.apply(partition, number, entry));
        pendingTrunks.add(partition);
    }

    void partitionAssigned(int partition) {
        if (partition == 0) {
            desired.includeCatchAll();
            pendingRules.add(Names.CATCH_ALL);
        }
        pendingTrunks.add(partition);
    }

    void partitionRevoked(int partition) {
        desired.dropPartition(partition);
        pendingRules.removeIf(name -> Names.partitionOfRule(name) == partition);
        pendingTrunks.remove(partition);
    }

    /** Lists LiveKit and marks every owned rule and trunk that differs, and deletes surplus copies of Switchboard's own. */
    void reconcile() {
        SipState listed = SipState.listed(api.inboundTrunks(), api.dispatchRules());
        state = listed;
        desired.rules().forEach(r -> pendingRules.add(r.name()));
        listed.rules.keySet().stream().filter(name -> owns.test(Names.partitionOfRule(name))).forEach(pendingRules::add);
        listed.trunks.keySet().stream().filter(owns::test).forEach(pendingTrunks::add);
        desired.rules().forEach(r -> pendingTrunks.add(r.partition()));
        for (var surplus : List.copyOf(listed.surplusRules)) {
            if (owns.test(Names.partitionOfRule(surplus.getName()))) {
                apply(new Change.DeleteRule(surplus.getSipDispatchRuleId(), surplus.getName()));
                listed.surplusRules.remove(surplus);
            }
        }
        for (var surplus : List.copyOf(listed.surplusTrunks)) {
            int p = Names.partitionOfTrunk(surplus.getName()).orElse(-1);
            if (owns.test(p)) {
                apply(new Change.DeleteTrunk(p, surplus.getSipTrunkId(), surplus.getName()));
                listed.surplusTrunks.remove(surplus);
            }
        }
    }

    boolean listed() {
        return state != null;
    }

    void forgetListing() {
        state = null;
    }

    /**
     * Works through up to {@code maxRules} pending rules, after every pending rule has lost the numbers it should no
     * longer list; then adds to trunks the numbers a rule now lists. True when nothing is left pending.
     */
    boolean applyPending(int maxRules) {
        Diff diff = new Diff(desired, state, settings, false);
        Set<Integer> partitions = new TreeSet<>(pendingTrunks);
        diff.trunkCreations(partitions).forEach(this::apply);
        diff.trunkAccess(partitions).forEach(this::apply);
        diff.trunkRemovals(partitions).forEach(this::apply);
        List.copyOf(pendingRules).forEach(name -> diff.shrink(name).forEach(this::apply));
        int done = 0;
        for (Iterator<String> it = pendingRules.iterator(); it.hasNext() && done < maxRules; done++) {
            String name = it.next();
            RuleSpec spec = desired.rule(name);
            if (spec != null && Diff.NEW_TRUNK.equals(diff.trunkFor(spec))) {
                continue; // its trunk could not be created yet: stays pending
            }
            diff.grow(name).forEach(this::apply);
            it.remove();
        }
        diff.trunkAdditions(partitions).forEach(this::apply);
        if (pendingRules.isEmpty()) {
            pendingTrunks.removeAll(partitions);
        }
        return pendingRules.isEmpty() && pendingTrunks.isEmpty();
    }

    int pending() {
        return pendingRules.size();
    }

    long refused() {
        return refused;
    }

    private void apply(Change change) {
        try {
            Changes.apply(api, state, change);
        } catch (LivekitException e) {
            if (e.transient_()) {
                throw e;
            }
            refused++;
            log.warn("LiveKit refused {}: {} (left as it is until the next reconcile)", change.describe(), e.getMessage());
        }
    }
}
