package io.switchboard.calllog.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.kafka.RegistryDeadline;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer reads whatever is on the topics: the configured deserializer (Apicurio's or Confluent's) is given a
 * deadline for the registry ({@link RegistryDeadline}) and wrapped so that a value it cannot decode reaches the
 * listener as an {@link Unreadable}, to be dead-lettered or, when the registry was unreachable, read again; the
 * partition never stops. A failing batch (the database is down) is retried with growing back-off,
 * without limit: those records are fine and must not be dead-lettered.
 */
@Configuration
class ConsumerConfiguration {

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConsumerFactory<Object, Object> consumerFactory(KafkaProperties properties, MeterRegistry meters) {
        Map<String, Object> config = properties.buildConsumerProperties();
        Object delegate = config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        // keys are room names, strings on every call topic
        var factory = new DefaultKafkaConsumerFactory<Object, Object>(config, () -> (Deserializer) new StringDeserializer(),
                () -> values(delegate, RegistryDeadline.DEFAULT));
        // Boot adds this to the factory it builds, not to ours: without it no kafka_consumer_* metric, so no lag
        // per partition (kafka_consumer_fetch_manager_records_lag{topic,partition}) on /actuator/prometheus.
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return factory;
    }

    /** The value deserializer of every consumer of the call topics (one instance per consumer: they are not shared). */
    static Deserializer<Object> values(Object delegate, Duration registryDeadline) {
        ErrorHandlingDeserializer<Object> values = new ErrorHandlingDeserializer<>(new RegistryDeadline(delegate, registryDeadline));
        values.setFailedDeserializationFunction(Unreadable::of);
        return values;
    }

    /**
     * The listener dead-letters what is a record's own fault itself, so whatever escapes it is ours (registry,
     * database, broker) and is retried with back-off until it passes. Every exception counts as retryable, also
     * one whose causes hold a DeserializationException (a registry outage while a schema was being fetched: the
     * default classification made that fatal, and the batch was discarded); and should the back-off ever end, the
     * recoverer refuses, so the batch is sought back, never skipped.
     */
    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(ConsumerConfiguration::refuseToSkip, backOff);
        handler.setClassifications(Map.of(), true);
        handler.setReclassifyOnExceptionChange(false);
        return handler;
    }

    static void refuseToSkip(ConsumerRecord<?, ?> record, Exception failure) {
        throw new IllegalStateException("not skipping " + record.topic() + "-" + record.partition() + "@"
                + record.offset() + ": its batch is retried", failure);
    }
}
