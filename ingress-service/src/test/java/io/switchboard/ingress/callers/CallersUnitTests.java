package io.switchboard.ingress.callers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.EventSource;
import io.switchboard.events.LeadContext;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallersUnitTests {
    private static final Instant LAST = Instant.parse("2026-11-26T07:00:00.123Z");

    static LeadContext lead(String tenant, String caller, String name, int attempts) {
        return LeadContext.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(LAST).setReceivedAt(LAST)
                .setSource(EventSource.calllog_service).setTenantId(tenant).setPhoneNumber(caller)
                .setLeadId(UUID.randomUUID().toString()).setCampaignId("camp-1").setName(name).setStatus("completed")
                .setAttempts(attempts).setLastCallAt(LAST).setLastCallStatus("busy").build();
    }

    @Test
    void aCallerIsKnownInTheTenantTheyCalledAndNowhereElse() {
        Callers callers = new Callers(10, new SimpleMeterRegistry());
        LeadContext ann = lead("t-1", "+15551230001", "Ann Example", 3);
        callers.apply("t-1/+15551230001", ann);

        assertThat(callers.lookup("t-1", "+15551230001")).isEqualTo(LeadContext.newBuilder(ann).setEventId("")
                .setReceivedAt(LAST).build());
        assertThat(callers.lookup("t-2", "+15551230001")).isNull();
        assertThat(callers.lookup("t-1", "+15551230002")).isNull();
        assertThat(callers.lookup(null, "+15551230001")).isNull();
    }

    @Test
    void theDefaultNameIsRebuiltTheLatestWinsAndATombstoneForgets() {
        Callers callers = new Callers(10, new SimpleMeterRegistry());
        callers.apply("/+15551230003", lead(null, "+15551230003", "Inbound Caller +15551230003", 1));
        assertThat(callers.find(null, "+15551230003").name()).as("not held: derived").isNull();
        assertThat(callers.lookup(null, "+15551230003").getName()).isEqualTo("Inbound Caller +15551230003");

        callers.apply("/+15551230003", lead(null, "+15551230003", "Bea", 2));
        assertThat(callers.lookup(null, "+15551230003").getAttempts()).isEqualTo(2);
        assertThat(callers.size()).isEqualTo(1);
        callers.apply("/+15551230003", null);
        assertThat(callers.lookup(null, "+15551230003")).isNull();
        assertThat(callers.size()).isZero();
    }

    @Test
    void pastItsBoundNewCallersAreNotHeldButHeldOnesStillUpdate() {
        Callers callers = new Callers(2, new SimpleMeterRegistry());
        callers.apply("t/+15551230011", lead("t", "+15551230011", "A", 1));
        callers.apply("t/+15551230012", lead("t", "+15551230012", "B", 1));
        callers.apply("t/+15551230013", lead("t", "+15551230013", "C", 1));
        callers.apply("t/+15551230011", lead("t", "+15551230011", "A", 5));

        assertThat(callers.size()).isEqualTo(2);
        assertThat(callers.lookup("t", "+15551230013")).isNull();
        assertThat(callers.lookup("t", "+15551230011").getAttempts()).isEqualTo(5);
    }

    @Test
    void keysThatAreNotATenantAndANumberAreIgnored() {
        Callers callers = new Callers(10, new SimpleMeterRegistry());
        callers.apply("no-slash", lead("t", "+15551230021", "A", 1));
        callers.apply("t/15551230021", lead("t", "+15551230021", "A", 1));
        callers.apply(null, null);
        assertThat(callers.size()).isZero();
        assertThat(Callers.digits("+15551230021")).isEqualTo(15551230021L);
        assertThat(Callers.digits("+1555x")).isNull();
    }
}
