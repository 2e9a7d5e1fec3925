package io.switchboard.livekit;

import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.RoutingEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * What LiveKit should hold, from the routing entries read so far: a rule per routed number (plus the catch-all when
 * the unknown-number policy has one), and per partition the numbers its managed trunk lists.
 */
final class Desired {
    static final String UNKNOWN_NUMBER = "unknown_number";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SyncSettings settings;
    private final Map<String, RuleSpec> rules = new HashMap<>();
    private final Map<Integer, Set<String>> trunkNumbers = new HashMap<>();

    Desired(SyncSettings settings) {
        this.settings = settings;
    }

    /** Applies one record of routing.entries ({@code entry} null: a tombstone); answers the rule name it touched. */
    String apply(int partition, String number, RoutingEntry entry) {
        String name = Names.rule(number);
        RuleSpec old = rules.remove(name);
        if (old != null) {
            trunkNumbers.getOrDefault(old.partition(), new TreeSet<>()).remove(number);
        }
        if (entry != null) {
            var metadata = DispatchMetadata.forNumber(entry, entry.getRoutingRule(), number);
            rules.put(name, new RuleSpec(name, number, partition, entry.getAgentName(), JSON.writeValueAsString(metadata),
                    DispatchMetadata.attributes(number, null)));
            trunkNumbers.computeIfAbsent(partition, p -> new TreeSet<>()).add(number);
        }
        return name;
    }

    /** The catch-all rule, when the policy has one; it lives with partition 0, so exactly one owner writes it. */
    void includeCatchAll() {
        if (settings.catchAll()) {
            var metadata = DispatchMetadata.forNumber(null, UNKNOWN_NUMBER, null);
            rules.put(Names.CATCH_ALL, new RuleSpec(Names.CATCH_ALL, "", 0, settings.unknownNumberAgent(),
                    JSON.writeValueAsString(metadata), DispatchMetadata.attributes(null, null)));
        }
    }

    /** Forgets a partition this process no longer owns. */
    void dropPartition(int partition) {
        rules.values().removeIf(r -> r.partition() == partition);
        trunkNumbers.remove(partition);
    }

    RuleSpec rule(String name) {
        return rules.get(name);
    }

    Collection<RuleSpec> rules() {
        return rules.values();
    }

    Set<String> trunkNumbers(int partition) {
        return trunkNumbers.getOrDefault(partition, Set.of());
    }

    int size() {
        return rules.size();
    }
}
