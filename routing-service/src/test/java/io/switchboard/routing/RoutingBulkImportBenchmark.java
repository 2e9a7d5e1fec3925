package io.switchboard.routing;


import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Not part of the test suite (its name matches no include pattern). Run:
 * {@code ./switchboard test -pl routing-service -am -Dtest=RoutingBulkImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * It imports {@value #NUMBERS} numbers in one request and waits until every entry is on routing.entries.
 */
@RoutingServiceTest
class RoutingBulkImportBenchmark {
    static final int NUMBERS = Integer.getInteger("benchmark.numbers", 100_000);

    @Autowired
    WebTestClient client;

    @Test
    void importsOneHundredThousandNumbersAndPublishesThemAll() {
        RoutingApi api = new RoutingApi(client.mutate().responseTimeout(Duration.ofMinutes(10)).build());
        String tenant = api.tenant(null);
        long base = 2_000_000 + (System.nanoTime() & 0xFFFF) * 100;
        List<Map<String, Object>> rows = new ArrayList<>(NUMBERS);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < NUMBERS; i++) {
            String e164 = "+1415" + String.format("%07d", (base + i) % 10_000_000);
            rows.add(Map.of("number", e164, "tenant_id", tenant, "provider", "telnyx"));
            expected.add(e164);
        }
        try (RoutingTopicWatch topic = new RoutingTopicWatch()) {
            long start = System.nanoTime();
            api.post("/api/v1/phone-numbers:bulk", Map.of("numbers", rows)).expectStatus().isCreated()
                    .expectBody().jsonPath("$.imported").isEqualTo(NUMBERS);
            long imported = System.nanoTime();
            long published = topic.until(expected);
            System.out.printf("%nBENCHMARK bulk import of %,d numbers: request %,d ms; all entries on routing.entries"
                            + " after %,d ms (%,.0f entries/s end to end)%n%n", NUMBERS, (imported - start) / 1_000_000,
                    (published - start) / 1_000_000, NUMBERS / ((published - start) / 1e9));
        }
    }
}
