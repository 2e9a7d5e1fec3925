package io.switchboard.livekit;

import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.RoutingEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * What LiveKit should hold, from the routing entries read so far: per partition, one rule for each distinct dispatch
 * (agent, metadata, attributes) listing the numbers that make it (plus the catch-all, when the unknown-number policy
 * has one), and the numbers the partition's managed trunk lists. A campaign of 1,000 numbers is one rule per
 * partition, not 1,000 rules: LiveKit reads every rule on every call.
 */
final class Desired {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SyncSettings settings;
    private final Map<String, RuleSpec> rules = new HashMap<>();
    private final Map<String, String> ruleOfNumber = new HashMap<>();
    private final Map<Integer, Set<String>> trunkNumbers = new HashMap<>();

    Desired(SyncSettings settings) {
        this.settings = settings;
    }

    /** Applies one record of routing.entries ({@code entry} null: a tombstone); answers the rule names it touched. */
    Set<String> apply(int partition, String number, RoutingEntry entry) {
        Set<String> touched = new LinkedHashSet<>();
        String old = ruleOfNumber.remove(number);
        if (old != null) {
            touched.add(old);
            RuleSpec was = rules.get(old);
            was.numbers().remove(number);
            if (was.numbers().isEmpty()) {
                rules.remove(old);
            }
            trunkNumbers.getOrDefault(was.partition(), new TreeSet<>()).remove(number);
        }
        if (entry != null) {
            String metadata = JSON.writeValueAsString(DispatchMetadata.forRule(entry, entry.getRoutingRule()));
            Map<String, String> attributes = DispatchMetadata.attributes(null, null);
            String name = Names.rule(partition, key(entry.getAgentName(), metadata, attributes));
            rules.computeIfAbsent(name, n -> new RuleSpec(n, partition, entry.getAgentName(), metadata, attributes,
                    new TreeSet<>())).numbers().add(number);
            ruleOfNumber.put(number, name);
            trunkNumbers.computeIfAbsent(partition, p -> new TreeSet<>()).add(number);
            touched.add(name);
        }
        return touched;
    }

    /** The catch-all rule, when the policy has one; it lives with partition 0, so exactly one owner writes it. */
    void includeCatchAll() {
        if (settings.catchAll()) {
            String metadata = JSON.writeValueAsString(DispatchMetadata.forRule(null, DispatchMetadata.UNKNOWN_NUMBER));
            rules.put(Names.CATCH_ALL, new RuleSpec(Names.CATCH_ALL, 0, settings.unknownNumberAgent(), metadata,
                    DispatchMetadata.attributes(null, null), new TreeSet<>()));
        }
    }

    /** Forgets a partition this process no longer owns. */
    void dropPartition(int partition) {
        rules.values().removeIf(r -> r.partition() == partition);
        ruleOfNumber.values().removeIf(name -> Names.partitionOfRule(name) == partition);
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

    int numbers() {
        return ruleOfNumber.size();
    }

    private static String key(String agent, String metadata, Map<String, String> attributes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((agent + "\n" + metadata + "\n" + attributes).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
