package io.switchboard.ingress.callers;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.events.LeadContext;
import io.switchboard.events.Topics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who has called each tenant before, in memory, from the compacted {@code leads.context} topic: per tenant, the caller's
 * E.164 digits as a number to their latest lead. Read on every call, so no database is on the answer path. At most
 * {@code max} callers are held: past it a caller not yet held is not added (counted; the call is then answered as
 * from a new caller) while those held keep updating. A tombstone removes.
 */
public final class Callers {
    private static final Logger log = LoggerFactory.getLogger(Callers.class);

    private final ConcurrentHashMap<String, ConcurrentHashMap<Long, KnownCaller>> byTenant = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> campaigns = new ConcurrentHashMap<>();
    private final AtomicLong size = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final long max;

    public Callers(long max, MeterRegistry meters) {
        this.max = max;
        Gauge.builder("switchboard.ingress.callers.held", size, AtomicLong::get).register(meters);
        Gauge.builder("switchboard.ingress.callers.refused", refused, AtomicLong::get).register(meters);
    }

    /** The caller's latest lead in the tenant ({@code tenantId} null: calls that reached no tenant); else null. */
    public LeadContext lookup(String tenantId, String e164) {
        KnownCaller held = find(tenantId, e164);
        return held == null ? null : held.context(tenantId, e164);
    }

    public KnownCaller find(String tenantId, String e164) {
        ConcurrentHashMap<Long, KnownCaller> tenant = byTenant.get(tenantId == null ? "" : tenantId);
        Long digits = digits(e164);
        return tenant == null || digits == null ? null : tenant.get(digits);
    }

    public long size() {
        return size.get();
    }

    /** Applies one record of the topic, {@code key} being {@code <tenant>/<E.164>}; a null value removes. */
    public void apply(String key, Object value) {
        int slash = key == null ? -1 : key.lastIndexOf('/');
        Long digits = slash < 0 ? null : digits(key.substring(slash + 1));
        if (digits == null) {
            return;
        }
        String tenant = key.substring(0, slash);
        if (value == null) {
            ConcurrentHashMap<Long, KnownCaller> held = byTenant.get(tenant);
            if (held != null && held.remove(digits) != null) {
                size.decrementAndGet();
            }
            return;
        }
        LeadContext context = (LeadContext) value;
        String campaign = context.getCampaignId() == null ? null : campaigns.computeIfAbsent(context.getCampaignId(), c -> c);
        KnownCaller caller = KnownCaller.of(context, campaign);
        ConcurrentHashMap<Long, KnownCaller> held = byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        if (held.containsKey(digits) || size.get() < max) {
            if (held.put(digits, caller) == null) {
                size.incrementAndGet();
            }
        } else if (refused.incrementAndGet() == 1) {
            log.warn("{} holds its maximum of {} callers: callers not yet held are answered as new callers "
                    + "(switchboard.ingress.callers-max)", Topics.LEAD_CONTEXT.name(), max);
        }
    }

    /** "+15551234567" as 15551234567; null for anything else. */
    static Long digits(String e164) {
        if (e164 == null || e164.length() < 3 || e164.length() > 16 || e164.charAt(0) != '+') {
            return null;
        }
        long n = 0;
        for (int i = 1; i < e164.length(); i++) {
            char c = e164.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
