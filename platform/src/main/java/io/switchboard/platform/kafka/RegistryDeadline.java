package io.switchboard.platform.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Bounds the time a value's decoding may wait for the schema registry. Apicurio's client has no read timeout: a
 * registry that accepts the connection and never answers (its own database hanging, a network partition) held a
 * consumer's thread inside {@code poll} for good (calllog's call logs stopped; a routing table would stop following).
 * A schema id never decoded before is therefore decoded on a helper thread and given up after the deadline
 * ({@link RegistryUnreachableException}, so the batch is polled again later); the stuck client is closed, which ends
 * its hanging requests, and replaced. Ids once decoded are served from the delegate's cache (a schema id's content
 * never changes), on the calling thread, at no cost.
 */
public final class RegistryDeadline implements Deserializer<Object> {
    private final Object delegateType;
    private final Duration deadline;
    private final Set<Integer> decodedIds = ConcurrentHashMap.newKeySet();
    private Map<String, ?> configs;
    private boolean isKey;
    private volatile Deserializer<Object> delegate;

    /** Schema lookups of the decoding consumers: long enough for a registry under load, short enough to cost one poll. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    /** @param delegateType the configured value deserializer (a class or its name), configured by {@link #configure} */
    public RegistryDeadline(Object delegateType, Duration deadline) {
        this.delegateType = delegateType;
        this.deadline = deadline;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.configs = configs;
        this.isKey = isKey;
        this.delegate = newDelegate();
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        Integer id = schemaId(data);
        Deserializer<Object> current = delegate;
        if (data == null || id != null && decodedIds.contains(id)) {
            return current.deserialize(topic, headers, data);
        }
        CompletableFuture<Object> decoding = CompletableFuture.supplyAsync(
                () -> current.deserialize(topic, headers, data), Thread.ofVirtual().name("registry-lookup")::start);
        try {
            Object value = decoding.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (id != null) {
                decodedIds.add(id);
            }
            return value;
        } catch (TimeoutException e) {
            replace(current);
            throw new RegistryUnreachableException("the schema registry did not answer within " + deadline.toSeconds()
                    + " s while decoding a record of " + topic + (id == null ? "" : " (schema id " + id + ")"));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException("interrupted while waiting for the schema registry");
        }
    }

    /** A fresh client in place of the stuck one, whose close (off this thread: it may block too) fails its requests. */
    private synchronized void replace(Deserializer<Object> stuck) {
        if (delegate == stuck) {
            decodedIds.clear();
            delegate = newDelegate();
            Thread.ofVirtual().name("registry-client-close").start(stuck::close);
        }
    }

    /** The id of the Confluent wire format (magic byte 0, 4-byte id); null for anything else. */
    private static Integer schemaId(byte[] data) {
        return data != null && data.length >= 5 && data[0] == 0 ? ByteBuffer.wrap(data, 1, 4).getInt() : null;
    }

    @SuppressWarnings("unchecked")
    private Deserializer<Object> newDelegate() {
        Deserializer<Object> created;
        try {
            created = delegateType instanceof Class<?> c ? (Deserializer<Object>) Utils.newInstance(c)
                    : Utils.newInstance(String.valueOf(delegateType), Deserializer.class);
        } catch (ClassNotFoundException e) {
            throw new ConfigException(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, delegateType, "class not found");
        }
        created.configure(configs, isKey);
        return created;
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The registry could not be asked in time: the record is fine, its batch is to be read again. */
    public static final class RegistryUnreachableException extends RuntimeException {
        public RegistryUnreachableException(String message) {
            super(message);
        }
    }
}
