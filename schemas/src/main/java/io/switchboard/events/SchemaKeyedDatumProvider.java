package io.switchboard.events;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's default datum provider, with its writers and readers looked up by the schema object instead of
 * by the schema's parsing fingerprint, which the default computes for every record (rendering the whole
 * schema to canonical text: ~20% of the ingress's allocation per answered call). The schemas passed in are
 * few and long-lived (the generated classes' and the serde's cache of registry schemas), and an Avro schema
 * keeps its hash code, so a lookup is a hash probe that usually ends in an identity check.
 * Configured as {@code apicurio.registry.avro-datum-provider}.
 */
public final class SchemaKeyedDatumProvider<T> implements AvroDatumProvider<T> {
    /** More distinct schemas than this and the lookups start over (a registry serving endless versions). */
    private static final int MAX_SCHEMAS = 1_000;

    private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
    private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public void configure(AvroSerdeConfig config) {
        delegate.configure(config);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        // the default writes specific and generic data with different writers: so does this
        Map<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        return bounded(writers).computeIfAbsent(schema, s -> delegate.createDatumWriter(data, s));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return bounded(readers).computeIfAbsent(schema, delegate::createDatumReader);
    }

    @Override
    public Schema toSchema(T data) {
        return delegate.toSchema(data);
    }

    private static <V> Map<Schema, V> bounded(Map<Schema, V> map) {
        if (map.size() > MAX_SCHEMAS) {
            map.clear();
        }
        return map;
    }
}
