package io.switchboard.ingress.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.Switchboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool reads what an earlier version of the ingress wrote (its writer schema is kept beside the events),
 * and a record it cannot read is quarantined and counted, never left blocking the events behind it.
 */
class DiskSpoolUnitTests {
    @TempDir
    Path dir;

    @BeforeAll
    static void trust() {
        Switchboard.trustEventPackages();
    }

    @Test
    void eventsComeBackInOrderAfterARestart() {
        try (DiskSpool spool = new DiskSpool(dir)) {
            for (int i = 0; i < 5; i++) {
                spool.append(Topics.CALL_STARTED.name(), "room-" + i, started("call-" + i));
            }
        }
        try (DiskSpool reopened = new DiskSpool(dir)) {
            assertThat(reopened.oldest(10)).extracting(DiskSpool.Spooled::key)
                    .containsExactly("room-0", "room-1", "room-2", "room-3", "room-4");
            reopened.remove(reopened.oldest(2));
            assertThat(reopened.oldest(10)).extracting(DiskSpool.Spooled::key).containsExactly("room-2", "room-3", "room-4");
        }
    }

    @Test
    void anEventSpooledWithAnOlderSchemaIsReadWithTheCurrentOne() {
        Schema older = without(CallStarted.getClassSchema(), "phone_number_id");
        GenericRecord old = new GenericData.Record(older);
        CallStarted current = started("call-old");
        for (Schema.Field f : older.getFields()) {
            old.put(f.name(), GenericData.get().deepCopy(f.schema(), current.get(f.name())));
        }
        try (DiskSpool spool = new DiskSpool(dir)) {
            spool.append(Topics.CALL_STARTED.name(), "room-old", old);
        }
        try (DiskSpool reopened = new DiskSpool(dir)) {
            CallStarted read = (CallStarted) reopened.oldest(1).get(0).value();
            assertThat(read.getCallId()).isEqualTo("call-old");
            assertThat(read.getPhoneNumberId()).isNull();
            assertThat(reopened.quarantined()).isZero();
        }
    }

    @Test
    void aRecordThatCannotBeReadIsQuarantinedAndTheRestStillDrainInOrder() throws Exception {
        Schema incompatible = Schema.createRecord("CallStarted", null, "io.switchboard.events", false,
                List.of(new Schema.Field("call_id", Schema.create(Schema.Type.INT))));
        GenericRecord unreadable = new GenericData.Record(incompatible);
        unreadable.put("call_id", 7);
        try (DiskSpool spool = new DiskSpool(dir)) {
            spool.append(Topics.CALL_STARTED.name(), "room-a", started("call-a"));
            spool.append(Topics.CALL_STARTED.name(), "room-bad", unreadable);
            spool.append(Topics.CALL_STARTED.name(), "room-b", started("call-b"));

            List<DiskSpool.Spooled> first = spool.oldest(10);
            assertThat(first).extracting(DiskSpool.Spooled::key).containsExactly("room-a", "room-b");
            assertThat(spool.quarantined()).isEqualTo(1);
            assertThat(spool.depth()).isEqualTo(2);
            spool.remove(first);
            assertThat(spool.oldest(10)).isEmpty();
        }
        List<String> kept;
        try (var files = Files.list(dir.resolve("quarantine"))) {
            kept = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertThat(kept).containsExactly("2.event", "2.reason");
        assertThat(Files.readString(dir.resolve("quarantine/2.reason"))).contains("AvroTypeException");
    }

    private static Schema without(Schema schema, String dropped) {
        List<Schema.Field> fields = schema.getFields().stream().filter(f -> !f.name().equals(dropped))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static CallStarted started(String callId) {
        Instant now = Instant.now();
        return CallStarted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setReceivedAt(now)
                .setSource(EventSource.sip_inbound).setCallId(callId).setRoomName("room-" + callId)
                .setFromNumber("+15551234567").setToNumber("+18588796658").setAgentName("agent")
                .setRoutingRule("campaign").setPhoneNumberId("pn-1").setMetadata("{}").build();
    }
}
