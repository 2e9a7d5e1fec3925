package io.switchboard.stack.testing;

import io.switchboard.stack.KafkaCluster;
import io.switchboard.stack.Ports;
import io.switchboard.stack.Provisioner;
import io.switchboard.stack.StackHome;
import java.nio.file.Path;

/**
 * A Kafka broker of a test's own, which the test may stop and start again (same data, same port)
 * without disturbing the shared stack. Its topics are provisioned from the catalogue; schemas live
 * in the shared registry.
 */
public final class IsolatedBroker implements AutoCloseable {
    private final Path dataDir;
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private KafkaCluster broker;

    public IsolatedBroker(Path dataDir) {
        this.dataDir = dataDir;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Starts (or restarts) the broker and makes sure the catalogue's topics exist. */
    public IsolatedBroker start() throws Exception {
        broker = KafkaCluster.start(StackHome.locate(), dataDir, 1, port, controllerPort, 3);
        new Provisioner(new Provisioner.Settings(bootstrapServers(), SharedStack.endpoints().registryUrl(), 3, (short) 1,
                null), line -> { }).provision();
        return this;
    }

    /**
     * Freezes the broker (SIGSTOP): connections stay open and requests are read by no one, as with a hung host or a
     * long GC pause, until {@link #thaw()}. Unlike a stopped broker, nothing fails fast.
     */
    public void freeze() {
        broker.signal("STOP");
    }

    /** Resumes a frozen broker (SIGCONT); requests it was sent meanwhile are answered now. */
    public void thaw() {
        broker.signal("CONT");
    }

    /** Stops the broker; its data stays for the next {@link #start()}. */
    public void stop() {
        if (broker != null) {
            thaw(); // a frozen process cannot stop politely
            broker.close();
            broker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The data folder, for tests that need to look at what the broker wrote. */
    public Path dataDir() {
        return dataDir;
    }
}
