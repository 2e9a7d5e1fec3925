package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaKeyedDatumProviderUnitTests {
    final SchemaKeyedDatumProvider<Object> provider = new SchemaKeyedDatumProvider<>();
    final CallStarted call = CallStarted.newBuilder().setEventId("e-1").setOccurredAt(Instant.parse("2026-11-01T00:00:00Z"))
            .setReceivedAt(Instant.parse("2026-11-01T00:00:01Z")).setSource(EventSource.sip_inbound).setCallId("c-1")
            .setRoomName("room-1").setFromNumber("+15551234567").setToNumber("+18588796658").setAgentName("agent")
            .setRoutingRule("campaign").setMetadata("{}").build();

    @BeforeEach
    void configure() {
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true")));
    }

    @Test
    void aSchemaSeenAgainGetsTheSameWriterAndReader() {
        Schema schema = provider.toSchema(call);

        assertThat(provider.createDatumWriter(call, schema)).isSameAs(provider.createDatumWriter(call, schema));
        assertThat(provider.createDatumReader(schema)).isSameAs(provider.createDatumReader(schema));
    }

    @Test
    void writesAndReadsWhatTheDefaultProviderDoes() throws IOException {
        Schema schema = provider.toSchema(call);
        // an equal schema from elsewhere (e.g. parsed from the registry's copy) works the same
        Schema parsed = new Schema.Parser().parse(schema.toString());

        byte[] bytes = write(provider.createDatumWriter(call, parsed), call);

        assertThat(read(provider.createDatumReader(parsed), bytes)).isEqualTo(call);
        assertThat(bytes).isEqualTo(write(new org.apache.avro.specific.SpecificDatumWriter<>(schema), call));
    }

    @Test
    void genericDataGetsAGenericWriter() throws IOException {
        Schema schema = provider.toSchema(call);
        byte[] bytes = write(provider.createDatumWriter(call, schema), call);
        Object generic = read(new org.apache.avro.generic.GenericDatumReader<>(schema), bytes);

        DatumWriter<Object> writer = provider.createDatumWriter(generic, schema);

        assertThat(writer).isNotSameAs(provider.createDatumWriter(call, schema));
        assertThat(write(writer, generic)).isEqualTo(bytes);
    }

    private static byte[] write(DatumWriter<Object> writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Object read(DatumReader<Object> reader, byte[] bytes) throws IOException {
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
