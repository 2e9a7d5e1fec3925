package io.switchboard.calllog.consumer;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** A producer of raw bytes (acks=all, idempotent) for the dead-letter topic, whatever the events' serde. */
@Component
class DeadLetters implements DisposableBean {
    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    DeadLetters(KafkaProperties properties) {
        Map<String, Object> config = properties.buildProducerProperties();
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(factory);
    }

    void send(ProducerRecord<String, byte[]> letter) throws Exception {
        template.send(letter).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}
