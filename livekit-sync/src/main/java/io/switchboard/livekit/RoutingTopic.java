package io.switchboard.livekit;

import io.switchboard.events.RoutingEntry;
import io.switchboard.events.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** routing.entries as the sync reads it. */
final class RoutingTopic {
    static final String NAME = Topics.ROUTING_ENTRIES.name();

    private RoutingTopic() {
    }

    /** {@code properties}: bootstrap servers and the registry's serde settings; {@code group} null for no group. */
    static Consumer<String, RoutingEntry> consumer(Map<String, Object> properties, String group, String clientId) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config);
    }
}
