package io.switchboard.stack.ops;

import io.switchboard.events.DeadLetterHeaders;
import io.switchboard.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Copies calllog-service's dead letters back to the topics they came from, once whatever rejected them is
 * fixed. A letter's value is its record in the original topic's wire format, so the copy is byte for byte,
 * with the same key (hence the same partition and order per room) and a {@link DeadLetterHeaders#REDRIVEN_FROM} header.
 * Progress is the consumer group's committed offset on the dead-letter topic, committed only after every
 * copy was acknowledged: a run that dies re-drives some letters twice, which the idempotent consumers
 * absorb. A run stops at the end offsets it saw when it began, so letters that fail again are not looped.
 */
public final class DeadLetterRedrive {
    public static final String DEFAULT_GROUP = "calllog-redrive";
    private static final Set<String> CALL_TOPICS = Topics.CALL_TOPICS.stream().map(t -> t.name())
            .collect(Collectors.toSet());

    /** What a run found: letters it could re-drive (and did, unless a dry run), letters naming no call topic, reasons. */
    public record Result(int redrivable, int skipped, Map<String, Integer> reasons) {
    }

    private final String bootstrapServers;
    private final String topic;
    private final String group;
    private final Consumer<String> progress;

    /** Re-drives calllog-service's dead letters ({@value Topics#CALLLOG_DEAD_LETTERS}). */
    public DeadLetterRedrive(String bootstrapServers, String group, Consumer<String> progress) {
        this(bootstrapServers, Topics.CALLLOG_DEAD_LETTERS, group, progress);
    }

    /** Re-drives the letters of another topic of the same shape, for example a copy set aside for one incident. */
    public DeadLetterRedrive(String bootstrapServers, String topic, String group, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.group = group;
        this.progress = progress;
    }

    /** Re-drives the letters after the group's position; with {@code dryRun} only lists them, moving nothing. */
    public Result run(boolean dryRun) throws Exception {
        try (KafkaConsumer<String, byte[]> letters = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> partitions = letters.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic + " on " + bootstrapServers);
            }
            letters.assign(partitions);
            Map<TopicPartition, Long> end = letters.endOffsets(partitions);
            Map<String, Integer> reasons = new TreeMap<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            int skipped = 0;
            int redrivable = 0;
            while (partitions.stream().anyMatch(p -> letters.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> letter : letters.poll(Duration.ofMillis(500))) {
                    if (letter.offset() >= end.get(new TopicPartition(letter.topic(), letter.partition()))) {
                        continue; // arrived after the run began
                    }
                    String origin = header(letter, DeadLetterHeaders.ORIGINAL_TOPIC);
                    reasons.merge(header(letter, DeadLetterHeaders.REASON), 1, Integer::sum);
                    if (!CALL_TOPICS.contains(origin)) {
                        skipped++;
                        progress.accept("skipping " + where(letter) + ": no call topic named (" + origin + ")");
                    } else {
                        redrivable++;
                        if (dryRun) {
                            progress.accept(where(letter) + " -> " + origin + " key " + letter.key() + ": "
                                    + header(letter, DeadLetterHeaders.REASON));
                        } else {
                            sends.add(producer.send(copy(letter, origin)));
                            if (sends.size() % 10_000 == 0) {
                                progress.accept("re-driving: " + sends.size() + " sent");
                            }
                        }
                    }
                }
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            if (!dryRun) {
                letters.commitSync(committable(partitions, end));
            }
            progress.accept((dryRun ? "would re-drive " : "re-drove ") + redrivable + " dead letters; skipped "
                    + skipped + "; reasons: " + reasons);
            return new Result(redrivable, skipped, reasons);
        }
    }

    private static ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> letter, String origin) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(origin, letter.key(), letter.value());
        record.headers().add(DeadLetterHeaders.REDRIVEN_FROM, where(letter).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committable(List<TopicPartition> partitions,
                                                                      Map<TopicPartition, Long> end) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach(p -> offsets.put(p, new OffsetAndMetadata(end.get(p))));
        return offsets;
    }

    private static String where(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset();
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
