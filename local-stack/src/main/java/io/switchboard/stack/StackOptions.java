package io.switchboard.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What to start and where.
 *
 * @param postgresUrl   a JDBC URL of an external PostgreSQL, or null to run one embedded
 * @param callRetention retention of the call topics; null keeps them forever
 * @param services      whether to start Switchboard's three services too
 * @param brokers       Kafka brokers: 1, or 3 in one quorum (replication factor 3, min.insync.replicas 2)
 * @param livekitUrl    LiveKit's API for the services (the local stand-in's), or null for what LIVEKIT_URL says
 */
public record StackOptions(Path dataDir, boolean fresh, int kafkaPort, int kafkaControllerPort, int registryPort,
                    int postgresPort, String postgresUrl, String postgresUser, String postgresPassword,
                    int partitions, Duration callRetention, boolean services, int ingressPort, int routingPort,
                    int calllogPort, int brokers, String livekitUrl) {

    /** Every server on a free port, no services: for a test run. */
    public static StackOptions forTests(Path dataDir) {
        return new StackOptions(dataDir, true, Ports.free(), Ports.free(), Ports.free(), Ports.free(), null,
                null, null, 6, null, false, 0, 0, 0, 1, null);
    }

    int port(ServiceProcess.Service service) {
        return switch (service) {
            case INGRESS -> ingressPort;
            case ROUTING -> routingPort;
            case CALLLOG -> calllogPort;
        };
    }
}
