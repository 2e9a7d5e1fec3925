package io.switchboard.ingress.callers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.DispatchMetadata;
import io.switchboard.events.LeadContext;
import io.switchboard.events.Topics;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test suite (its name matches no include pattern). Run:
 * {@code ./switchboard test -pl ingress-service -am -Dtest=CallersBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * The heap {@value #LEADS} callers take in the ingress's table, beside the floor of holding the decoded records as they
 * come (a map of key to LeadContext), and the cost of a lookup that finds a lead and builds its context for a dispatch.
 */
class CallersBenchmark {
    static final int LEADS = Integer.getInteger("benchmark.leads", 1_000_000);
    static final int TENANTS = 20;

    @Test
    void heldCallersHeapAndLookup() {
        long base = settledHeap();
        Callers callers = new Callers(LEADS, new SimpleMeterRegistry());
        for (int i = 0; i < LEADS; i++) {
            LeadContext lead = lead(i);
            callers.apply(Topics.leadContextKey(lead.getTenantId(), lead.getPhoneNumber()), lead);
        }
        long table = settledHeap() - base;
        System.out.printf("callers table: %,d leads, %,d MB heap, %.0f bytes per lead%n", callers.size(),
                table >> 20, (double) table / LEADS);

        long[] found = {0};
        long start = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LEADS; i++) {
                LeadContext c = callers.lookup(tenant(i), caller(i));
                found[0] += DispatchMetadata.withCaller(new LinkedHashMap<>(), c).size();
            }
        }
        double perLookup = (System.nanoTime() - start) / 3.0 / LEADS;
        System.out.printf("lookup + context + metadata entries: %.0f ns each (checksum %d)%n", perLookup, found[0]);
        callers = null;

        long floorBase = settledHeap();
        Map<String, LeadContext> floor = new HashMap<>();
        for (int i = 0; i < LEADS; i++) {
            LeadContext lead = lead(i);
            floor.put(Topics.leadContextKey(lead.getTenantId(), lead.getPhoneNumber()), lead);
        }
        long floorHeap = settledHeap() - floorBase;
        start = System.nanoTime();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < LEADS; i++) {
                found[0] += floor.get(Topics.leadContextKey(tenant(i), caller(i))).getAttempts();
            }
        }
        double floorLookup = (System.nanoTime() - start) / 3.0 / LEADS;
        System.out.printf("floor (decoded records by key): %,d MB heap, %.0f bytes per lead; get %.0f ns (checksum %d)%n",
                floorHeap >> 20, (double) floorHeap / floor.size(), floorLookup, found[0]);
        System.out.printf("ratio: table heap / floor heap = %.2f%n", (double) table / floorHeap);
    }

    private static LeadContext lead(int i) {
        java.time.Instant at = java.time.Instant.ofEpochMilli(1_795_000_000_000L + i);
        return LeadContext.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setOccurredAt(at)
                .setReceivedAt(at).setSource(io.switchboard.events.EventSource.calllog_service).setTenantId(tenant(i))
                .setPhoneNumber(caller(i)).setLeadId(java.util.UUID.randomUUID().toString())
                .setCampaignId("campaign-" + (i % 500)).setName(i % 10 == 0 ? "Named Caller " + i : "Inbound Caller " + caller(i))
                .setStatus("completed").setAttempts(1 + i % 7).setLastCallAt(at).setLastCallStatus("completed").build();
    }

    private static String tenant(int i) {
        return "00000000-0000-4000-8000-0000000000" + (10 + i % TENANTS);
    }

    private static String caller(int i) {
        return "+1555" + String.format("%07d", i);
    }

    private static long settledHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
