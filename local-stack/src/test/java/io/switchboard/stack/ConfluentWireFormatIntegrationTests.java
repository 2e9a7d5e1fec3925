package io.switchboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.CallStarted;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.stack.testing.SharedStack;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A record written through Switchboard's serializer is what a Confluent-ecosystem consumer expects:
 * magic byte 0, a 4-byte id that the registry's Confluent API resolves to the writer schema, then Avro
 * binary that this schema decodes. The consumer here does exactly what Confluent's deserializer does,
 * using only the Confluent REST API and plain Avro.
 */
class ConfluentWireFormatIntegrationTests {
    private final StackEndpoints stack = SharedStack.endpoints();

    @Test
    void aConfluentStyleConsumerDecodesWhatSwitchboardProduces() throws Exception {
        CallStarted event = sampleCallStarted();
        RecordMetadata written = produce(event);

        byte[] value = readRawValue(written);
        ByteBuffer buffer = ByteBuffer.wrap(value);
        assertThat(buffer.get()).as("magic byte").isZero();
        int schemaId = buffer.getInt();

        RegistryClient confluentApi = new RegistryClient(stack.registryUrl());
        assertThat(schemaId).as("id registered under the subject")
                .isEqualTo(confluentApi.latestId(Topics.CALL_STARTED.valueSubject()));
        Schema writer = new Schema.Parser().parse(confluentApi.schemaById(schemaId));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(value, buffer.position(), buffer.remaining(), null));

        assertThat(decoded.get("event_id").toString()).isEqualTo(event.getEventId());
        assertThat(decoded.get("call_id").toString()).isEqualTo(event.getCallId());
        assertThat(decoded.get("from_number").toString()).isEqualTo("+15551234567");
        assertThat(decoded.get("occurred_at")).isEqualTo(event.getOccurredAt().toEpochMilli());
        assertThat(decoded.get("source").toString()).isEqualTo("sip_inbound");
        assertThat(decoded.get("trunk_id")).isNull();
    }

    @Test
    void switchboardsDeserializerReadsItBackAsTheGeneratedClass() throws Exception {
        CallStarted event = sampleCallStarted();
        RecordMetadata written = produce(event);

        Map<String, Object> props = new HashMap<>(EventSerdes.consumer(stack.registryUrl()));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaConsumer<String, CallStarted> consumer = new KafkaConsumer<>(props)) {
            List<ConsumerRecord<String, CallStarted>> records = readAt(consumer, written);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo(event.getRoomName());
                assertThat(r.value()).isEqualTo(event);
            });
        }
    }

    private RecordMetadata produce(CallStarted event) throws Exception {
        Map<String, Object> props = new HashMap<>(EventSerdes.producer(stack.registryUrl()));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (KafkaProducer<String, CallStarted> producer = new KafkaProducer<>(props)) {
            return producer.send(new ProducerRecord<>(Topics.CALL_STARTED.name(), event.getRoomName(), event)).get();
        }
    }

    private byte[] readRawValue(RecordMetadata written) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            return readAt(consumer, written).getFirst().value();
        }
    }

    /** The one record at the written offset (no consumer group: nothing is committed). */
    private static <K, V> List<ConsumerRecord<K, V>> readAt(KafkaConsumer<K, V> consumer, RecordMetadata written) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, written.offset());
        List<ConsumerRecord<K, V>> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).records(partition).stream()
                    .filter(r -> r.offset() == written.offset()).forEach(found::add);
        }
        return found;
    }

    private static CallStarted sampleCallStarted() {
        String callId = "SCL_" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return CallStarted.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(callId.getBytes()).toString())
                .setOccurredAt(now.minusMillis(40)).setReceivedAt(now).setSource(EventSource.sip_inbound)
                .setCallId(callId).setRoomName("call-" + callId).setFromNumber("+15551234567")
                .setToNumber("+18588796658").setAgentName("telephony-agent").setRoutingRule("system_default")
                .setMetadata("{}").build();
    }
}
