package io.switchboard.routing;

import static org.awaitility.Awaitility.await;

import io.livekit.server.SipServiceClient;
import io.switchboard.events.EventSerdes;
import io.switchboard.livekit.LivekitConnection;
import io.switchboard.livekit.SyncPlan;
import io.switchboard.livekit.SyncSettings;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.livekit.FakeLivekit;
import io.switchboard.stack.livekit.SharedFakeLivekit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Not part of the test suite (its name matches no include pattern). Run:
 * {@code ./switchboard test -pl routing-service -am -Dtest=LivekitSyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * LiveKit API calls per routing change, the time from a number's creation to its rule, and {@value #NUMBERS} numbers
 * synced, rebuilt after a wipe and planned against the fake LiveKit; beside the floor, one bare Twirp call.
 */
@RoutingServiceTest
class LivekitSyncBenchmark {
    static final int NUMBERS = Integer.getInteger("benchmark.numbers", 100_000);
    private static final String[] WRITES = {"SIP/CreateSIPDispatchRule", "SIP/UpdateSIPDispatchRule",
            "SIP/DeleteSIPDispatchRule", "SIP/CreateSIPInboundTrunk", "SIP/UpdateSIPInboundTrunk", "SIP/DeleteSIPTrunk"};
    private final FakeLivekit livekit = SharedFakeLivekit.get();

    @Autowired
    WebTestClient client;

    @Test
    void callsPerChangeAndAHundredThousandNumbers() throws Exception {
        RoutingApi api = new RoutingApi(client.mutate().responseTimeout(Duration.ofMinutes(10)).build());
        report("floor: one bare Twirp call (ListSIPInboundTrunk through the SDK), median of 200: %.2f ms", floorMs());
        String agent = RoutingApi.unique("agent");
        api.agent(agent);
        String tenant = api.tenant(null);
        String campaign = api.campaign(tenant, agent);
        String first = api.numbers(1, tenant, campaign).getFirst();
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(first));
        quiet();

        report("one new number of an existing campaign: %d write call(s)", writes(() -> api.numbers(1, tenant, campaign)));
        api.agent(agent + "-2");
        String other = api.campaign(tenant, agent + "-2");
        report("one new number of a new campaign: %d write call(s)", writes(() -> api.numbers(1, tenant, other)));
        List<String> thousand = bulk(api, tenant, campaign, 1000, new long[1]);
        String second = RoutingApi.unique("agent");
        api.agent(second);
        long start = System.nanoTime();
        long calls = writes(() -> api.put("/api/v1/campaigns/" + campaign, Map.of("tenant_id", tenant, "name",
                RoutingApi.unique("c"), "agent_name", second)).expectStatus().isOk());
        report("a campaign of %d numbers changes agent: %d write call(s), all rules right %.1f s after the API call",
                thousand.size() + 2, calls, (System.nanoTime() - start) / 1e9);
        String national = RoutingApi.freshNationalNumber();
        String id = api.number(national, tenant, campaign);
        quiet();
        report("one number deleted: %d write call(s)", writes(() -> api.delete("/api/v1/phone-numbers/" + id)));

        long[] latencies = new long[20];
        for (int i = 0; i < latencies.length; i++) {
            long t0 = System.nanoTime();
            String number = api.numbers(1, tenant, campaign).getFirst();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> listed(number));
            latencies[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(latencies);
        report("new number → its rule and trunk place in LiveKit (from the API call, 20 numbers): median %d ms, max %d ms",
                latencies[10], latencies[19]);

        long callsBefore = livekit.calls();
        long writesBefore = writeCalls();
        start = System.nanoTime();
        long[] onTopic = {0};
        bulk(api, tenant, null, NUMBERS, onTopic);
        report("%,d numbers imported: all on routing.entries %.1f s after the import request (the floor: no sync needed), "
                        + "all synced %.1f s after it, %,d calls (%,d writes), %d rules", NUMBERS, (onTopic[0] - start) / 1e9,
                (System.nanoTime() - start) / 1e9, livekit.calls() - callsBefore, writeCalls() - writesBefore,
                livekit.rules().size());

        long numbersBefore = syncedNumbers();
        livekit.wipe();
        callsBefore = livekit.calls();
        start = System.nanoTime();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> syncedNumbers() >= numbersBefore
                && syncedTrunkNumbers() >= numbersBefore);
        report("LiveKit wiped: all %,d numbers back %.1f s later (reconcile every 5 s here), %,d calls",
                numbersBefore, (System.nanoTime() - start) / 1e9, livekit.calls() - callsBefore);

        callsBefore = livekit.calls();
        start = System.nanoTime();
        var stack = SharedStack.endpoints();
        Map<String, Object> kafka = new java.util.HashMap<>(EventSerdes.consumer(stack.registryUrl()));
        kafka.put("bootstrap.servers", stack.kafkaBootstrapServers());
        SyncPlan plan = SyncPlan.compute(kafka, new LivekitConnection(livekit.url(), SharedFakeLivekit.API_KEY,
                SharedFakeLivekit.API_SECRET, Duration.ofSeconds(60)), new SyncSettings("", "call", "telephony-agent",
                Duration.ofMinutes(5), Duration.ofSeconds(5)), Duration.ofMinutes(5));
        report("a full plan over the whole table (read routing.entries, list LiveKit, diff): %.1f s, %d calls, %d change(s)",
                (System.nanoTime() - start) / 1e9, livekit.calls() - callsBefore, plan.changes().size());
        plan.changes().forEach(c -> System.out.println("  " + c));
    }

    /** {@code onTopic[0]}: when the last of them reached routing.entries (System.nanoTime). */
    private List<String> bulk(RoutingApi api, String tenant, String campaign, int count, long[] onTopic) throws Exception {
        long base = 3_000_000 + (System.nanoTime() & 0xFFFF) * 100;
        List<Map<String, Object>> rows = new ArrayList<>(count);
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String e164 = "+1646" + String.format("%07d", (base + i) % 10_000_000);
            rows.add(campaign == null ? Map.of("number", e164, "tenant_id", tenant)
                    : Map.of("number", e164, "tenant_id", tenant, "campaign_id", campaign));
            numbers.add(e164);
        }
        Set<String> wanted = new HashSet<>(numbers);
        RoutingTopicWatch topic = new RoutingTopicWatch();
        var watch = java.util.concurrent.CompletableFuture.runAsync(() -> onTopic[0] = topic.until(wanted));
        api.post("/api/v1/phone-numbers:bulk", Map.of("numbers", rows)).expectStatus().isCreated();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Set<String> listed = new HashSet<>();
            livekit.trunks().forEach(t -> listed.addAll(t.getNumbersList()));
            return listed.containsAll(wanted);
        });
        watch.get();
        topic.close();
        quiet();
        return numbers;
    }

    /** Write calls made for one change, once the sync has nothing more to write; which ones, on standard output. */
    private long writes(Runnable change) {
        long before = writeCalls();
        Map<String, Long> each = new java.util.TreeMap<>();
        Arrays.stream(WRITES).forEach(m -> each.put(m, livekit.calls(m)));
        change.run();
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(50)).until(() -> writeCalls() > before);
        quiet();
        each.replaceAll((m, n) -> livekit.calls(m) - n);
        each.values().removeIf(n -> n == 0);
        System.out.println("  write calls: " + each);
        return writeCalls() - before;
    }

    /** Until no write call happened for a second (a condition on the fake's counters, polled). */
    private void quiet() {
        long[] last = {writeCalls(), System.nanoTime()};
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = writeCalls();
            if (now != last[0]) {
                last[0] = now;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > 1_000_000_000L;
        });
    }

    private long writeCalls() {
        return Arrays.stream(WRITES).mapToLong(livekit::calls).sum();
    }

    private boolean listed(String number) {
        return livekit.rules().stream().anyMatch(r -> r.getNumbersList().contains(number))
                && livekit.trunks().stream().anyMatch(t -> t.getNumbersList().contains(number));
    }

    private long syncedNumbers() {
        return livekit.rules().stream().mapToLong(r -> r.getNumbersCount()).sum();
    }

    private long syncedTrunkNumbers() {
        return livekit.trunks().stream().mapToLong(t -> t.getNumbersCount()).sum();
    }

    private double floorMs() throws Exception {
        SipServiceClient sdk = SipServiceClient.createClient(livekit.url(), SharedFakeLivekit.API_KEY, SharedFakeLivekit.API_SECRET);
        double[] ms = new double[200];
        for (int i = 0; i < 400; i++) { // the first 200 warm up
            long t0 = System.nanoTime();
            sdk.listSipInboundTrunk().execute();
            if (i >= 200) {
                ms[i - 200] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return ms[100];
    }

    private static void report(String format, Object... args) {
        System.out.printf("%nBENCHMARK livekit-sync: " + format + "%n", args);
    }

}
