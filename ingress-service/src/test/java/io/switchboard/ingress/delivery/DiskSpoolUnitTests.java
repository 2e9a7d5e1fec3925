package io.switchboard.ingress.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.Switchboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * and a record it cannot read is quarantined and counted, never left blocking the events behind it. A full disk
 * refuses an event loudly and loses none it took.
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
        try (DiskSpool spool = new DiskSpool(dir, 0)) {
            for (int i = 0; i < 5; i++) {
                spool.append(Topics.CALL_STARTED.name(), "room-" + i, started("call-" + i));
            }
        }
        try (DiskSpool reopened = new DiskSpool(dir, 0)) {
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
        try (DiskSpool spool = new DiskSpool(dir, 0)) {
            spool.append(Topics.CALL_STARTED.name(), "room-old", old);
        }
        try (DiskSpool reopened = new DiskSpool(dir, 0)) {
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
        try (DiskSpool spool = new DiskSpool(dir, 0)) {
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

    @Test
    void aHeldEventWaitsForItsFirstSendAndGoesIfThatSendWasAcknowledged() {
        try (DiskSpool spool = new DiskSpool(dir, 0)) {
            spool.append(Topics.CALL_STARTED.name(), "room-0", started("call-0"));
            long late = spool.append(Topics.CALL_STARTED.name(), "room-late", started("call-late"), true);
            long failed = spool.append(Topics.CALL_STARTED.name(), "room-failed", started("call-failed"), true);
            spool.append(Topics.CALL_STARTED.name(), "room-3", started("call-3"));
            assertThat(spool.oldest(10)).extracting(DiskSpool.Spooled::key).containsExactly("room-0");

            spool.release(late, true); // acknowledged after all: the spooled copy must not be sent again
            assertThat(spool.oldest(10)).extracting(DiskSpool.Spooled::key).containsExactly("room-0");
            spool.release(failed, false); // its first send failed: the copy is sent, in its place
            assertThat(spool.oldest(10)).extracting(DiskSpool.Spooled::key).containsExactly("room-0", "room-failed", "room-3");
        }
    }

    @Test
    void aDiskBelowTheFloorRefusesTheEventAndWritesNothing() {
        try (DiskSpool spool = new DiskSpool(dir, Long.MAX_VALUE)) {
            assertThatThrownBy(() -> spool.append(Topics.CALL_STARTED.name(), "room-1", started("call-1")))
                    .isInstanceOf(DiskSpool.SpoolFullException.class).hasMessageContaining("free");
            assertThat(spool.depth()).isZero();
        }
        try (DiskSpool reopened = new DiskSpool(dir, 0)) {
            assertThat(reopened.oldest(10)).isEmpty();
        }
    }

    /**
     * A real full disk (a 1 MiB tmpfs, mounted here because this runs as root; skipped where it cannot be): the
     * write that does not fit fails loudly, keeps no trace, and once there is room again the spool takes events
     * behind the ones it had, which a restart finds in order.
     */
    @Test
    void aFullDiskFailsTheWriteAndTheSpoolGoesOnOnceThereIsRoom() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()), "cannot mount a tmpfs here");
        try {
            Files.write(mount.resolve("filler"), new byte[700 * 1024]);
            List<String> kept = new ArrayList<>();
            try (DiskSpool spool = new DiskSpool(mount.resolve("spool"), 0)) {
                Throwable full = null;
                for (int i = 0; full == null && i < 10_000; i++) {
                    try {
                        spool.append(Topics.CALL_STARTED.name(), "room-" + i, started("call-" + i));
                        kept.add("room-" + i);
                    } catch (DiskSpool.SpoolFullException e) {
                        full = e;
                    }
                }
                assertThat(full).as("the disk filled up").isNotNull();
                assertThat(kept).isNotEmpty();
                Files.delete(mount.resolve("filler"));
                spool.append(Topics.CALL_STARTED.name(), "room-after", started("call-after"));
                kept.add("room-after");
                assertThat(spool.oldest(100_000)).extracting(DiskSpool.Spooled::key).containsExactlyElementsOf(kept);
            }
            try (DiskSpool reopened = new DiskSpool(mount.resolve("spool"), 0)) {
                assertThat(reopened.oldest(100_000)).extracting(DiskSpool.Spooled::key).containsExactlyElementsOf(kept);
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
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
