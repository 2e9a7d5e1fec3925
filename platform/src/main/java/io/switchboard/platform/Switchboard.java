package io.switchboard.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Switchboard service with the settings every service needs before Spring starts. */
public final class Switchboard {
    /** Avro 1.12 instantiates generated classes only from packages it is told to trust. */
    public static final String AVRO_TRUSTED_PACKAGES = "io.switchboard.events";

    private Switchboard() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String... args) {
        trustEventPackages();
        return SpringApplication.run(application, args);
    }

    public static void trustEventPackages() {
        String key = "org.apache.avro.SERIALIZABLE_PACKAGES";
        String current = System.getProperty(key);
        if (current == null || current.isBlank()) {
            System.setProperty(key, AVRO_TRUSTED_PACKAGES);
        } else if (!current.contains(AVRO_TRUSTED_PACKAGES)) {
            System.setProperty(key, current + "," + AVRO_TRUSTED_PACKAGES);
        }
    }
}
