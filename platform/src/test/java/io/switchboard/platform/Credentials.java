package io.switchboard.platform;

import io.switchboard.events.ApiKey;
import io.switchboard.events.EventSerdes;
import io.switchboard.events.EventSource;
import io.switchboard.events.Topics;
import io.switchboard.platform.access.ApiKeys;
import io.switchboard.stack.testing.SharedStack;
import io.switchboard.stack.testing.SharedStackInitializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Credentials for tests: the admin token of every test context, and API keys put on the topic as routing-service does. */
public final class Credentials {
    private Credentials() {
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The client, sending the admin token with every request. */
    public static WebTestClient admin(WebTestClient client) {
        return as(client, SharedStackInitializer.ADMIN_TOKEN);
    }

    public static WebTestClient as(WebTestClient client, String token) {
        return client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, bearer(token)).build();
    }

    /** A key as routing-service would publish it; returns its token. {@code tenantId} null: all tenants. */
    public static String publishKey(String tenantId, String role) {
        ApiKeys.Issued issued = ApiKeys.issue();
        send(issued.id().toString(), ApiKey.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now()).setReceivedAt(Instant.now()).setSource(EventSource.routing_service)
                .setKeyId(issued.id().toString()).setName("test key").setTenantId(tenantId).setRole(role)
                .setSecretSha256(ByteBuffer.wrap(issued.secretSha256())).build());
        return issued.token();
    }

    /** Revokes a key made by {@link #publishKey} (a tombstone). */
    public static void revoke(String token) {
        send(ApiKeys.keyId(token).orElseThrow(), null);
    }

    private static void send(String key, ApiKey value) {
        Map<String, Object> props = new HashMap<>(EventSerdes.producer(SharedStack.endpoints().registryUrl()));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.endpoints().kafkaBootstrapServers());
        try (KafkaProducer<String, ApiKey> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a test key", e);
        }
    }
}
