package io.switchboard.calllog.consumer;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.ClassUtils;

/**
 * Writes dead letters (acks=all, idempotent). A letter's value is always its record in the original
 * topic's wire format: the bytes as read when they could not be decoded, else the decoded record encoded
 * again with the configured value serializer. Re-driving a letter is therefore a plain copy back.
 */
@org.springframework.stereotype.Component
class DeadLetters implements DisposableBean {
    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;
    private final Serializer<Object> events;

    DeadLetters(KafkaProperties properties) {
        Map<String, Object> config = properties.buildProducerProperties();
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(factory);
        this.events = serializer(config.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG));
        this.events.configure(config, false);
    }

    /** The record as its original topic carries it. */
    byte[] encode(String topic, Object value) {
        return events.serialize(topic, value);
    }

    void send(ProducerRecord<String, byte[]> letter) throws Exception {
        template.send(letter).get(30, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializer(Object configured) {
        try {
            Class<?> type = configured instanceof Class<?> c ? c
                    : ClassUtils.forName(String.valueOf(configured), DeadLetters.class.getClassLoader());
            return (Serializer<Object>) BeanUtils.instantiateClass(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("value serializer not found: " + configured, e);
        }
    }

    @Override
    public void destroy() {
        events.close();
        factory.destroy();
    }
}
