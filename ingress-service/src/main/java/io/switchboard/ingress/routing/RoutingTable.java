package io.switchboard.ingress.routing;

import io.switchboard.events.RoutingEntry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Every routed number's current entry, in memory: the sip-inbound path reads it and nothing else.
 * Updates come from routing.entries; an entry older than the one held is ignored, a tombstone removes.
 * Each entry is held with its routing decision, made once per entry rather than once per call.
 */
@Component
public final class RoutingTable {
    private final ConcurrentHashMap<String, Decision> entries = new ConcurrentHashMap<>();
    private volatile Instant lastUpdate;

    public Optional<RoutingEntry> lookup(String e164) {
        return Optional.ofNullable(entries.get(e164)).map(Decision::entry);
    }

    /** The decision for a routed number, the same object for every call until its entry changes; else null. */
    Decision decision(String e164) {
        return entries.get(e164);
    }

    /** Every entry held now (a scan: for operators' pages, never for a call). */
    public java.util.stream.Stream<RoutingEntry> entries() {
        return entries.values().stream().map(Decision::entry);
    }

    public int size() {
        return entries.size();
    }

    public Instant lastUpdate() {
        return lastUpdate;
    }

    /** Applies one record of the topic: an entry (kept only if not older) or a tombstone (null). */
    void apply(String e164, RoutingEntry entry) {
        if (e164 == null) {
            return;
        }
        if (entry == null) {
            entries.remove(e164);
        } else {
            entries.merge(e164, new Decision(entry.getAgentName(), entry.getRoutingRule(), entry),
                    (held, incoming) -> incoming.entry().getVersion() >= held.entry().getVersion() ? incoming : held);
        }
        lastUpdate = Instant.now();
    }
}
