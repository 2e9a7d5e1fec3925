package io.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.EventSerdes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.io.ClassPathResource;

/**
 * The services read their serde settings from {@code switchboard-defaults.yml} (so a deployment can change them by
 * configuration); tools and tests take them from {@link EventSerdes}. Both must write and read the same wire format.
 */
class SerdeSettingsUnitTests {
    private static final String REGISTRY = "http://registry.test:8085";
    private static final String KAFKA_PROPERTIES = "spring.kafka.properties.";

    @Test
    void theServicesDefaultsAndEventSerdesAgree() throws Exception {
        List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("defaults",
                new ClassPathResource("switchboard-defaults.yml"));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("registry", Map.of("switchboard.registry.url", REGISTRY)));
        yml.forEach(sources::addLast);
        PropertySourcesPropertyResolver services = new PropertySourcesPropertyResolver(sources);

        Map<String, Object> tools = new TreeMap<>(EventSerdes.producer(REGISTRY));
        tools.putAll(EventSerdes.consumer(REGISTRY));
        Map<String, Object> configured = new TreeMap<>();
        yml.stream().map(s -> (EnumerablePropertySource<?>) s).flatMap(s -> Arrays.stream(s.getPropertyNames()))
                .filter(name -> name.startsWith(KAFKA_PROPERTIES + "apicurio."))
                .forEach(name -> configured.put(name.substring(KAFKA_PROPERTIES.length()), services.getProperty(name)));
        configured.put("key.serializer", services.getProperty("spring.kafka.producer.key-serializer"));
        configured.put("value.serializer", services.getProperty("spring.kafka.producer.value-serializer"));
        configured.put("key.deserializer", services.getProperty("spring.kafka.consumer.key-deserializer"));
        configured.put("value.deserializer", services.getProperty("spring.kafka.consumer.value-deserializer"));

        assertThat(configured).isEqualTo(tools);
    }
}
