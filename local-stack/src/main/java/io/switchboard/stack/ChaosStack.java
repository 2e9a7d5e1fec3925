package io.switchboard.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole pipeline (Kafka with one or three brokers, the registry, PostgreSQL, the three services) started
 * from empty data in a folder of its own, on free ports, with every part killable and restartable: the
 * stack a chaos run injects its faults into.
 */
public final class ChaosStack implements AutoCloseable {
    private final Stack stack;
    private final StackOptions options;

    private ChaosStack(Stack stack, StackOptions options) {
        this.stack = stack;
        this.options = options;
    }

    /** Empties {@code dataDir} and starts everything in it. */
    public static ChaosStack start(Path dataDir, int brokers, int partitions, Consumer<String> log) {
        StackHome.deleteTree(dataDir);
        // fresh = false: a killed PostgreSQL is restarted on the data it left, not on a new one
        StackOptions options = new StackOptions(dataDir, false, Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                null, null, null, partitions, null, true, Ports.free(), Ports.free(), Ports.free(), brokers, null);
        Stack stack = new Stack(log);
        stack.start(StackHome.locate(), options);
        return new ChaosStack(stack, options);
    }

    /** What can be killed: each Kafka broker, postgres, schema-registry and the three services. */
    public List<String> parts() {
        return List.copyOf(stack.restartableParts().keySet());
    }

    /** SIGKILL to the part's processes; returns once they are gone. */
    public void kill(String part) {
        find(part).kill();
    }

    /** Starts the part again on its data and ports; returns how long it took to be ready. */
    public Duration restart(String part) throws Exception {
        long begin = System.nanoTime();
        find(part).start();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    private RestartablePart<?> find(String part) {
        RestartablePart<?> found = stack.restartableParts().get(part);
        if (found == null) {
            throw new IllegalArgumentException("no part " + part + "; parts: " + parts());
        }
        return found;
    }

    public URI ingress() {
        return service(ServiceProcess.Service.INGRESS);
    }

    public URI routing() {
        return service(ServiceProcess.Service.ROUTING);
    }

    public URI calllog() {
        return service(ServiceProcess.Service.CALLLOG);
    }

    private URI service(ServiceProcess.Service service) {
        return URI.create("http://" + Ports.LOOPBACK + ":" + options.port(service));
    }

    public String adminToken() {
        return ServiceProcess.adminToken();
    }

    public StackEndpoints endpoints() {
        return stack.endpoints();
    }

    public Path dataDir() {
        return options.dataDir();
    }

    @Override
    public void close() {
        stack.close();
    }
}
