package io.switchboard.stack;

import io.switchboard.events.Topic;
import io.switchboard.events.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a Kafka cluster and a schema registry match the topic catalogue: creates each topic (or brings an
 * existing one's cleanup settings in line), registers each value schema under {@code <topic>-value} and
 * sets that subject to BACKWARD. Safe to run any number of times.
 */
public final class Provisioner {

    /** @param callRetention how long call topics keep records; null keeps them forever */
    public record Settings(String bootstrapServers, String registryUrl, int partitions, short replicationFactor,
                           Duration callRetention) {
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public Provisioner(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void provision() throws IOException, InterruptedException, ExecutionException {
        createTopics();
        registerSchemas();
    }

    public static Map<String, String> topicConfig(Topic<?> topic, Duration callRetention) {
        return switch (topic.cleanup()) {
            case COMPACT -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            case RETAIN -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(callRetention == null ? -1 : callRetention.toMillis()));
        };
    }

    private void createTopics() throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers()))) {
            for (Topic<?> topic : Topics.all()) {
                Map<String, String> config = topicConfig(topic, settings.callRetention());
                NewTopic newTopic = new NewTopic(topic.name(), settings.partitions(), settings.replicationFactor())
                        .configs(config);
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                    progress.accept("created topic " + topic.name() + " " + config);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    alignConfig(admin, topic.name(), config);
                    progress.accept("topic " + topic.name() + " exists; settings " + config);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new ExecutionException("creating topic " + topic.name() + " timed out", e);
                }
            }
            createIfMissing(admin, Topics.CALLLOG_DEAD_LETTERS, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_DELETE, TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }
    }

    /** Dead-letter topics: kept until an operator re-drives or drops them. */
    private void createIfMissing(Admin admin, String name, Map<String, String> config)
            throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(new NewTopic(name, settings.partitions(), settings.replicationFactor())
                    .configs(config))).all().get();
            progress.accept("created topic " + name + " " + config);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static void alignConfig(Admin admin, String topic, Map<String, String> config)
            throws InterruptedException, ExecutionException {
        Collection<AlterConfigOp> ops = new ArrayList<>();
        config.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all().get();
    }

    private void registerSchemas() throws IOException, InterruptedException {
        RegistryClient registry = new RegistryClient(settings.registryUrl());
        for (Topic<?> topic : Topics.all()) {
            int id = registry.register(topic.valueSubject(), topic.valueSchema().toString());
            registry.setCompatibility(topic.valueSubject(), "BACKWARD");
            progress.accept("subject " + topic.valueSubject() + " -> schema id " + id + ", BACKWARD");
        }
    }
}
