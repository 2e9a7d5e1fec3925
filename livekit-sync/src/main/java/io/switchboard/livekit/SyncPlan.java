package io.switchboard.livekit;

import io.switchboard.events.RoutingEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What the sync would change in LiveKit now, for every partition, without changing anything: routing.entries read
 * from the beginning to its current end (no consumer group, nothing committed) against LiveKit's listed trunks and
 * rules. {@code ./switchboard livekit-sync --plan} prints it.
 */
public final class SyncPlan {
    private final List<String> lines;
    private final int routedNumbers;
    private final int foreignRules;
    private final int foreignTrunks;

    private SyncPlan(List<String> lines, int routedNumbers, int foreignRules, int foreignTrunks) {
        this.lines = lines;
        this.routedNumbers = routedNumbers;
        this.foreignRules = foreignRules;
        this.foreignTrunks = foreignTrunks;
    }

    public static SyncPlan compute(Map<String, Object> kafka, LivekitConnection connection, SyncSettings settings,
                                   Duration readTimeout) {
        Desired desired = new Desired(settings);
        desired.includeCatchAll();
        Set<Integer> partitions = new TreeSet<>();
        try (Consumer<String, RoutingEntry> consumer = RoutingTopic.consumer(kafka, null, "livekit-sync-plan")) {
            int count = consumer.partitionsFor(RoutingTopic.NAME, readTimeout).size();
            List<TopicPartition> all = IntStream.range(0, count).mapToObj(p -> new TopicPartition(RoutingTopic.NAME, p)).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all, readTimeout);
            long deadline = System.nanoTime() + readTimeout.toNanos();
            while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("routing.entries was not read to its end within " + readTimeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> desired.apply(r.partition(), r.key(), r.value()));
            }
            IntStream.range(0, count).forEach(partitions::add);
        }
        SipApi api = new SipApi(connection);
        SipState state = SipState.listed(api.inboundTrunks(), api.dispatchRules());
        Diff diff = new Diff(desired, state, settings, true);
        List<Change> changes = new ArrayList<>(diff.trunkCreations(partitions));
        changes.addAll(diff.trunkAccess(partitions));
        changes.addAll(diff.trunkRemovals(partitions));
        Set<String> names = new TreeSet<>(state.rules.keySet());
        desired.rules().forEach(r -> names.add(r.name()));
        names.forEach(name -> changes.addAll(diff.shrink(name)));
        names.forEach(name -> changes.addAll(diff.grow(name)));
        state.surplusRules.forEach(r -> changes.add(new Change.DeleteRule(r.getSipDispatchRuleId(), r.getName())));
        state.surplusTrunks.forEach(t -> changes.add(new Change.DeleteTrunk(-1, t.getSipTrunkId(), t.getName())));
        changes.addAll(new Diff(desired, withPlannedRules(state, desired), settings, true).trunkAdditions(partitions));
        int routed = desired.numbers();
        return new SyncPlan(changes.stream().map(Change::describe).toList(), routed, state.foreignRules, state.foreignTrunks);
    }

    /** For the plan only: as if every rule existed, so that the numbers the trunks would gain are listed too. */
    private static SipState withPlannedRules(SipState state, Desired desired) {
        SipState planned = new SipState();
        planned.trunks.putAll(state.trunks);
        desired.rules().forEach(r -> planned.rules.put(r.name(), r.toRule(null, "")));
        return planned;
    }

    public List<String> changes() {
        return lines;
    }

    /** The plan as printed: one line per change, then a summary. */
    public String render() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        out.append("%d change(s) for %d routed number(s); left alone: %d rule(s) and %d trunk(s) not made by Switchboard%n"
                .formatted(lines.size(), routedNumbers, foreignRules, foreignTrunks));
        return out.toString();
    }
}
