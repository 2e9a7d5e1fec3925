package io.switchboard.stack.testing;

import io.switchboard.stack.ManagedProcess;
import io.switchboard.stack.Ports;
import io.switchboard.stack.ServiceProcess;
import io.switchboard.stack.StackHome;
import java.io.IOException;
import java.nio.file.Path;

/** One of Switchboard's services started from its jar against the shared stack, for end-to-end tests. */
public final class RunningService implements AutoCloseable {
    private final ManagedProcess process;
    private final int port;

    private RunningService(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code module} (e.g. "routing-service") on a free port and waits until it reports ready. */
    public static RunningService start(String module, Path dataDir) throws IOException {
        return start(module, dataDir, java.util.Map.of());
    }

    /** As {@link #start(String, Path)}, with more environment variables (they win over the stack's). */
    public static RunningService start(String module, Path dataDir, java.util.Map<String, String> env) throws IOException {
        ServiceProcess.Service service = java.util.Arrays.stream(ServiceProcess.Service.values())
                .filter(s -> s.module.equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        int port = Ports.free();
        return new RunningService(ServiceProcess.startReady(StackHome.locate(), dataDir, service, port,
                SharedStack.endpoints(), env), port);
    }

    public String baseUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    /** The admin token the service was started with. */
    public static String adminToken() {
        return ServiceProcess.adminToken();
    }

    @Override
    public void close() {
        process.close();
    }
}
