package io.switchboard.calllog.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.switchboard.events.CallEnded;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.RegistryProxy;
import io.switchboard.platform.Switchboard;
import io.switchboard.stack.SharedStack;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whose fault a record that cannot be read is, told apart with the real deserializer: a registry that is down
 * or failing is ours (retry the batch, dead-letter nothing), a schema id no registry knows is the record's.
 */
class FailuresIntegrationTests {
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
            assertThat(Failures.unreachable(readWith(registry.url(), event))).isTrue();
            registry.up(true);
            assertThat(readWith(registry.url(), event)).isNull();
        }
    }

    @Test
    void aRegistryThatRefusesConnectionsIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(Failures.unreachable(readWith("http://127.0.0.1:" + closed, event))).isTrue();
    }

    @Test
    void aSchemaIdNoRegistryKnowsIsTheRecordsFault() {
        byte[] unknown = event.clone();
        unknown[1] = 0x7f;
        unknown[2] = 0x7f;
        Throwable failure = readWith(SharedStack.endpoints().registryUrl(), unknown);
        assertThat(failure).isNotNull();
        assertThat(Failures.unreachable(failure)).as(failure.toString()).isFalse();
    }

    /** The failure of reading the bytes with a registry at this URL; null when they read. */
    private static Throwable readWith(String registryUrl, byte[] bytes) {
        try (AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>()) {
            deserializer.configure(EventSerdes.consumer(registryUrl), false);
            return catchThrowable(() -> deserializer.deserialize(Topics.CALL_ENDED.name(), bytes));
        }
    }
}
