package io.switchboard.stack.ops;

import io.switchboard.events.Topic;
import io.switchboard.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Rewinds a consumer group over the call topics to their beginning, or to the first record at or after a
 * time, so its service reprocesses them. The group must have no running members (stop the service first):
 * Kafka refuses to move a live group's offsets. Because the consumers are idempotent and order-independent,
 * replaying onto the existing rows, or onto emptied tables, ends in the same state.
 */
public final class Replay {

    private final String bootstrapServers;
    private final String group;
    private final Consumer<String> progress;

    public Replay(String bootstrapServers, String group, Consumer<String> progress) {
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        this.progress = progress;
    }

    /** Moves the group's offsets; {@code from} null means the beginning. Returns the events to reprocess. */
    public long rewind(Instant from) throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (Topic<?> topic : Topics.CALL_TOPICS) {
                admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name()).partitions()
                        .forEach(p -> specs.put(new TopicPartition(topic.name(), p.partition()),
                                from == null ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(from.toEpochMilli())));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(specs).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(specs.keySet().stream()
                    .collect(java.util.stream.Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long events = 0;
            for (TopicPartition tp : specs.keySet()) {
                long end = ends.get(tp).offset();
                long start = starts.get(tp).offset() < 0 ? end : starts.get(tp).offset(); // -1: nothing after the time
                offsets.put(tp, new OffsetAndMetadata(start));
                events += end - start;
            }
            try {
                admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownMemberIdException || e.getCause() instanceof GroupNotEmptyException) {
                    throw new IllegalStateException("group " + group + " has running members: stop calllog-service first"
                            + " (Kafka moves only an idle group's offsets)", e.getCause());
                }
                throw e;
            }
            progress.accept("group " + group + " rewound " + (from == null ? "to the beginning" : "to " + from)
                    + ": " + events + " events to reprocess");
            return events;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ExecutionException("rewinding " + group + " timed out", e);
        }
    }

    /** Reports the group's progress until it has caught up (lag 0) or the time is up; true when caught up. */
    public boolean follow(long total, Duration atMost) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long lag = Long.MAX_VALUE;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(total).setUnit(" events", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().continuousUpdate().build()) {
            while (System.nanoTime() < deadline) {
                lag = lag();
                bar.stepTo(Math.max(0, total - lag));
                if (lag == 0) {
                    break;
                }
                Thread.sleep(1_000);
            }
        }
        long done = Math.max(0, total - lag);
        progress.accept(String.format("replayed %,d of %,d events (%.0f%%)", done, total,
                total == 0 ? 100.0 : 100.0 * done / total));
        return lag == 0;
    }

    /** Events on the call topics that the group has not yet committed. */
    public long lag() throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic<?> topic : Topics.CALL_TOPICS) {
                admin.describeTopics(List.of(topic.name())).allTopicNames().get().get(topic.name()).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(e.getKey());
                lag += e.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
