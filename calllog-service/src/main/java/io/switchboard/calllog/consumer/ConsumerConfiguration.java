package io.switchboard.calllog.consumer;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer reads whatever is on the topics: the configured deserializer (Apicurio's or Confluent's)
 * is wrapped so that an unreadable record reaches the listener as a failure it dead-letters, instead of
 * stopping the partition. A failing batch (the database is down) is retried with growing back-off,
 * without limit: those records are fine and must not be dead-lettered.
 */
@Configuration
class ConsumerConfiguration {

    @Bean
    ConsumerFactory<Object, Object> consumerFactory(KafkaProperties properties) {
        Map<String, Object> config = properties.buildConsumerProperties();
        Object delegate = config.get("value.deserializer");
        config.put("value.deserializer", ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, delegate);
        return new DefaultKafkaConsumerFactory<>(config);
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
