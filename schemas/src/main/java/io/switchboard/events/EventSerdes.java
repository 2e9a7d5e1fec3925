package io.switchboard.events;

import java.util.HashMap;
import java.util.Map;

/**
 * Client properties for Switchboard's wire format (Confluent's: magic byte 0, 4-byte schema id, Avro
 * binary) through Apicurio's serde, for code that is not configured by Spring (tools, tests). The
 * services take the same settings from {@code switchboard-kafka.yml} so that a deployment can swap the
 * serde for Confluent's by configuration alone.
 */
public final class EventSerdes {

    public static final String APICURIO_SERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaSerializer";
    public static final String APICURIO_DESERIALIZER = "io.apicurio.registry.serde.avro.AvroKafkaDeserializer";
    public static final String STRING_SERIALIZER = "org.apache.kafka.common.serialization.StringSerializer";
    public static final String STRING_DESERIALIZER = "org.apache.kafka.common.serialization.StringDeserializer";

    /** Apicurio's own REST API lives here; its Confluent-compatible API under {@link #CCOMPAT_PATH}. */
    public static final String REGISTRY_API_PATH = "/apis/registry/v3";
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private EventSerdes() {
    }

    /**
     * Serializer settings. Schemas are registered by provisioning (BACKWARD-checked), never by a
     * producer: the serializer looks its schema up by content, whole (nested types inline, as the
     * Confluent API serves it), and fails loudly if it was not provisioned.
     */
    public static Map<String, Object> producer(String registryBaseUrl) {
        Map<String, Object> props = common(registryBaseUrl);
        props.put("key.serializer", STRING_SERIALIZER);
        props.put("value.serializer", APICURIO_SERIALIZER);
        props.put("apicurio.registry.auto-register", "false");
        props.put("apicurio.registry.find-latest", "false");
        props.put("apicurio.registry.dereference-schema", "true");
        return props;
    }

    /** Deserializer settings: values decoded into the generated classes. */
    public static Map<String, Object> consumer(String registryBaseUrl) {
        Map<String, Object> props = common(registryBaseUrl);
        props.put("key.deserializer", STRING_DESERIALIZER);
        props.put("value.deserializer", APICURIO_DESERIALIZER);
        props.put("apicurio.registry.use-specific-avro-reader", "true");
        return props;
    }

    private static Map<String, Object> common(String registryBaseUrl) {
        Map<String, Object> props = new HashMap<>();
        props.put("apicurio.registry.url", stripSlash(registryBaseUrl) + REGISTRY_API_PATH);
        props.put("apicurio.registry.use-id", "contentId");
        props.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        props.put("apicurio.registry.headers.enabled", "false");
        props.put("apicurio.registry.avro-datum-provider", SchemaKeyedDatumProvider.class.getName());
        // a schema's content keeps its id: hold looked-up schemas for good (see switchboard-defaults.yml)
        props.put("apicurio.registry.check-period-ms", String.valueOf(Long.MAX_VALUE));
        props.put("apicurio.registry.fault-tolerant-refresh", "true");
        return props;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
