package io.switchboard.stack.ops;

import io.switchboard.stack.RegistryClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./switchboard tail TOPIC}: a topic's records as JSON lines, decoded through the registry. Joins no group. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print a topic's records as JSON lines, values decoded through the schema registry "
                + "(as kcat -C -s value=avro -r <registry> does). Reads every partition; commits nothing.")
public final class TailCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The topic, e.g. call.started, routing.entries, calllog.dead-letters.")
    String topic;

    @Option(names = "--from", defaultValue = "end", description = "beginning, end (default: new records only), a time "
            + "(2026-11-26T10:00:00Z) or a duration ago (10m, 2h, PT30S).")
    String from;

    @Option(names = "--exit", description = "Stop at the end offsets seen at start, instead of following.")
    boolean exit;

    @Option(names = "--max", defaultValue = "0", description = "Stop after this many records (0: no limit).")
    long max;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:SPRING_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = "${env:SWITCHBOARD_REGISTRY_URL:-http://127.0.0.1:8085}")
    String registryUrl;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        TopicTail tail = new TopicTail(new RegistryClient(registryUrl));
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                System.err.println("no topic " + topic + " on " + bootstrapServers);
                return 1;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seek(consumer, partitions);
            long printed = 0;
            while ((max == 0 || printed < max) && !(exit && reachedEnd(consumer, end))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (max != 0 && printed >= max) {
                        break;
                    }
                    out.println(tail.line(record));
                    printed++;
                }
                out.flush();
            }
        }
        return 0;
    }

    private void seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        switch (from) {
            case "beginning" -> consumer.seekToBeginning(partitions);
            case "end" -> consumer.seekToEnd(partitions);
            default -> {
                long at = since(from).toEpochMilli();
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(p -> times.put(p, at));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                partitions.forEach(p -> consumer.seek(p, found.get(p) == null ? end.get(p) : found.get(p).offset()));
            }
        }
    }

    /** A time, or a duration before now ({@code 10m}, {@code 2h}, {@code PT30S}). */
    static Instant since(String from) {
        try {
            return Instant.parse(from);
        } catch (DateTimeParseException notATime) {
            String iso = from.toUpperCase().startsWith("P") ? from : "PT" + from;
            try {
                return Instant.now().minus(Duration.parse(iso));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--from: expected beginning, end, a time or a duration, not " + from);
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
