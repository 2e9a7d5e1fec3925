package io.switchboard.calllog.consumer;

import java.util.Map;
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

    @Bean
    CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
