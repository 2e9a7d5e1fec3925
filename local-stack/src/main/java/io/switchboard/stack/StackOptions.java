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
 * @param livekitStandIn with the services and no LIVEKIT_URL: run the test suite's fake LiveKit API for them, so that
 *                      web calls and calls out can be tried on a laptop (no media, no webhooks of its own). Off by
 *                      default: with it, every SIP join also asks it to dispatch the agent, which benchmarks would count
 */
public record StackOptions(Path dataDir, boolean fresh, int kafkaPort, int kafkaControllerPort, int registryPort,
                    int postgresPort, String postgresUrl, String postgresUser, String postgresPassword,
                    int partitions, Duration callRetention, boolean services, int ingressPort, int routingPort,
                    int calllogPort, int brokers, boolean livekitStandIn) {

    /** Every server on a free port, no services: for a test run. */
    public static StackOptions forTests(Path dataDir) {
        return new StackOptions(dataDir, true, Ports.free(), Ports.free(), Ports.free(), Ports.free(), null,
                null, null, 6, null, false, 0, 0, 0, 1, false);
    }

    int port(ServiceProcess.Service service) {
        return switch (service) {
            case INGRESS -> ingressPort;
            case ROUTING -> routingPort;
            case CALLLOG -> calllogPort;
        };
    }
}
