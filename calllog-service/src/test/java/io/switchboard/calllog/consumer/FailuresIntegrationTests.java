package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.switchboard.events.CallEnded;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.RegistryProxy;
import io.switchboard.platform.Switchboard;
import io.switchboard.stack.testing.SharedStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whose fault a record that cannot be read is, told apart by the consumer's own value deserializer (the real
 * Apicurio one inside it) as the listener receives it: a registry that is down, failing or silent is ours (the
 * batch is read again, nothing dead-lettered), a schema id no registry knows is the record's.
 */
class FailuresIntegrationTests {
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static byte[] event;

    @BeforeAll
    static void anEventInTheWireFormat() {
        Switchboard.trustEventPackages();
        try (AvroKafkaSerializer<CallEnded> serializer = new AvroKafkaSerializer<>()) {
            serializer.configure(EventSerdes.producer(SharedStack.endpoints().registryUrl()), false);
            event = serializer.serialize(Topics.CALL_ENDED.name(), CallEnded.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setReceivedAt(Instant.now())
                    .setSource(EventSource.livekit_webhook).setRoomName("room-failures").build());
        }
    }

    @Test
    void aRegistryAnswering503IsUnreachable() throws Exception {
        try (RegistryProxy registry = new RegistryProxy(SharedStack.endpoints().registryUrl())) {
            assertThat(readWith(registry.url(), event)).isInstanceOfSatisfying(Unreadable.class,
                    u -> assertThat(u.registryUnreachable()).as(u.reason()).isTrue());
            registry.up(true);
            assertThat(readWith(registry.url(), event)).isInstanceOf(CallEnded.class);
        }
    }

    /**
     * What Apicurio answers, with status 500, while the PostgreSQL it stores schemas in restarts. Its client's
     * exception does not survive Java serialization: judged from the record header's copy, it was a bad record.
     */
    @Test
    void aRegistryWhoseDatabaseIsGoneIsUnreachable() throws Exception {
        try (RegistryProxy registry = new RegistryProxy(SharedStack.endpoints().registryUrl())) {
            registry.downAnswers(500, """
                    {"detail":"PSQLException: FATAL: terminating connection due to unexpected postmaster exit",\
                    "title":"org.postgresql.util.PSQLException: FATAL: terminating connection due to unexpected postmaster exit",\
                    "status":500,"name":"RuntimeSqlException"}""");
            assertThat(readWith(registry.url(), event)).isInstanceOfSatisfying(Unreadable.class,
                    u -> assertThat(u.registryUnreachable()).as(u.reason()).isTrue());
        }
    }

    /** A registry that takes the connection and never answers: Apicurio's client would wait for ever. */
    @Test
    void aRegistryThatNeverAnswersIsGivenUpAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            Object value = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> readWith("http://127.0.0.1:" + silent.getLocalPort(), event));
            assertThat(value).isInstanceOfSatisfying(Unreadable.class, u -> {
                assertThat(u.registryUnreachable()).as(u.reason()).isTrue();
                assertThat(u.reason()).contains("did not answer within 2 s");
            });
        }
    }

    @Test
    void aRegistryThatRefusesConnectionsIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(readWith("http://127.0.0.1:" + closed, event)).isInstanceOfSatisfying(Unreadable.class,
                u -> assertThat(u.registryUnreachable()).as(u.reason()).isTrue());
    }

    @Test
    void aSchemaIdNoRegistryKnowsIsTheRecordsFault() {
        byte[] unknown = event.clone();
        unknown[1] = 0x7f;
        unknown[2] = 0x7f;
        assertThat(readWith(SharedStack.endpoints().registryUrl(), unknown)).isInstanceOfSatisfying(Unreadable.class, u -> {
            assertThat(u.registryUnreachable()).as(u.reason()).isFalse();
            assertThat(u.data()).isEqualTo(unknown);
        });
    }

    /** The value as the listener gets it when the bytes are read with a registry at this URL. */
    private static Object readWith(String registryUrl, byte[] bytes) {
        try (Deserializer<Object> values = ConsumerConfiguration.values(EventSerdes.APICURIO_DESERIALIZER, DEADLINE)) {
            values.configure(EventSerdes.consumer(registryUrl), false);
            return values.deserialize(Topics.CALL_ENDED.name(), new RecordHeaders(), bytes);
        }
    }
}
