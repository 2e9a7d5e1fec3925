package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.json is what the catalogue and the schemas say today, and says it in AsyncAPI 3's shape. */
class AsyncApiUnitTests {
    private static final Path COMMITTED = Path.of("..", "docs", "asyncapi.json");

    @Test
    void theCommittedDocumentIsTheOneTheCatalogueGenerates() throws Exception {
        String generated = AsyncApi.document();
        Path fresh = Path.of("target", "asyncapi.json");
        Files.writeString(fresh, generated);
        assertThat(Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "")
                .as("docs/asyncapi.json differs from the topic catalogue and schemas: commit "
                        + fresh.toAbsolutePath() + " as docs/asyncapi.json (after checking it)")
                .isEqualTo(generated);
    }

    @Test
    void everyTopicIsAChannelWithItsKeyCleanupAndAvroSchema() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(AsyncApi.document());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        List<String> expected = new ArrayList<>(Topics.all().stream().map(Topic::name).toList());
        expected.add(Topics.CALLLOG_DEAD_LETTERS);
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        for (Topic<?> topic : Topics.all()) {
            JsonNode channel = doc.path("channels").path(topic.name());
            assertThat(channel.path("bindings").path("kafka").path("topicConfiguration").path("cleanup.policy").get(0).asText())
                    .isEqualTo(topic.cleanup() == Topic.Cleanup.COMPACT ? "compact" : "delete");
            JsonNode message = doc.path("components").path("messages").path(topic.valueType().getSimpleName());
            assertThat(message.path("payload").path("schema").path("name").asText()).isEqualTo(topic.valueType().getSimpleName());
            assertThat(message.path("payload").path("schema").path("fields")).hasSameSizeAs(topic.valueSchema().getFields());
            assertThat(message.path("bindings").path("kafka").path("key").path("description").asText()).isEqualTo(topic.keyMeaning());
            assertThat(doc.path("operations").path("read" + topic.valueType().getSimpleName()).path("channel").path("$ref").asText())
                    .isEqualTo("#/channels/" + topic.name());
        }
    }
}
