package io.switchboard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.Topic;
import io.switchboard.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import io.switchboard.stack.testing.SharedStack;
import org.junit.jupiter.api.Test;

/** The shared stack's broker and registry are provisioned from the catalogue, idempotently. */
class ProvisioningIntegrationTests {
    private final StackEndpoints stack = SharedStack.endpoints();
    private final RegistryClient registry = new RegistryClient(stack.registryUrl());

    @Test
    void everyCatalogueTopicExistsWithItsPartitionsAndCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(6);
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                        topic.name()))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
                String expected = topic.cleanup() == Topic.Cleanup.COMPACT ? "compact" : "delete";
                assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo(expected);
                if (topic.cleanup() == Topic.Cleanup.RETAIN) {
                    assertThat(config.get("retention.ms").value()).as(topic.name()).isEqualTo("-1");
                }
            }
        }
    }

    @Test
    void theDeadLetterTopicKeepsItsLettersUntilSomeoneActs() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            TopicDescription described = admin.describeTopics(List.of(Topics.CALLLOG_DEAD_LETTERS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.CALLLOG_DEAD_LETTERS);
            assertThat(described.partitions()).hasSize(6);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                    Topics.CALLLOG_DEAD_LETTERS))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        }
    }

    @Test
    void everyValueSubjectIsBackwardAndHoldsTheCatalogueSchema() throws Exception {
        for (Topic<?> topic : Topics.all()) {
            assertThat(registry.compatibility(topic.valueSubject())).as(topic.valueSubject()).isEqualTo("BACKWARD");
            int id = registry.latestId(topic.valueSubject());
            assertThat(new Schema.Parser().parse(registry.schemaById(id))).isEqualTo(topic.valueSchema());
        }
    }

    @Test
    void theRegistryRefusesAnIncompatibleChangeAndAcceptsAnAdditiveOne() throws Exception {
        Schema current = Topics.CALL_ENDED.valueSchema();
        Schema withNewRequiredField = copyWithExtraField(current, false);
        Schema withNewOptionalField = copyWithExtraField(current, true);

        assertThat(registry.isCompatible(Topics.CALL_ENDED.valueSubject(), withNewRequiredField.toString()))
                .as("a new field without a default cannot read old records").isFalse();
        assertThat(registry.isCompatible(Topics.CALL_ENDED.valueSubject(), withNewOptionalField.toString()))
                .isTrue();
    }

    @Test
    void provisioningAgainIsHarmless() throws Exception {
        int before = registry.latestId(Topics.CALL_STARTED.valueSubject());
        new Provisioner(new Provisioner.Settings(stack.kafkaBootstrapServers(), stack.registryUrl(), 6, (short) 1,
                null), line -> { }).provision();
        assertThat(registry.latestId(Topics.CALL_STARTED.valueSubject())).isEqualTo(before);
    }

    private static Schema copyWithExtraField(Schema record, boolean withDefault) {
        List<Schema.Field> fields = new java.util.ArrayList<>();
        record.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("hold_seconds", Schema.create(Schema.Type.INT), null, withDefault ? 0 : null));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
