package io.switchboard.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Starts the stack's parts in dependency order (Kafka alongside PostgreSQL, then the registry, topics
 * and subjects, then the services) and owns every process it started: {@link #close()} stops them in
 * reverse order, and a start that fails half-way stops whatever had already started before it throws.
 */
public final class Stack implements AutoCloseable {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final Map<String, Duration> startTimes = new LinkedHashMap<>();
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, RestartablePart<?>> restartable = new LinkedHashMap<>();
    private final Consumer<String> log;
    private boolean closed;
    private StackEndpoints endpoints;

    public Stack(Consumer<String> log) {
        this.log = log;
    }

    /** Starts everything; on failure, everything started so far is stopped and the failure rethrown. */
    public Stack start(Path home, StackOptions options) {
        long begin = System.nanoTime();
        try {
            startAll(home, options);
        } catch (Throwable t) {
            close();
            throw t instanceof StackStartException s ? s : new StackStartException("stack start failed: " + t, t);
        }
        startTimes.put("whole stack", Duration.ofNanos(System.nanoTime() - begin));
        return this;
    }

    private void startAll(Path home, StackOptions o) throws Exception {
        Path data = o.dataDir();
        CompletableFuture<KafkaCluster> kafkaStart = CompletableFuture.supplyAsync(() -> timed("kafka",
                () -> KafkaCluster.start(home, data, o.brokers(), o.kafkaPort(), o.kafkaControllerPort(), o.partitions())),
                Stack::startInOwnThread);
        Throwable failure = null;
        PostgresServer postgres = null;
        try {
            postgres = timed("postgres", () -> o.postgresUrl() == null
                    ? PostgresServer.embedded(data, o.postgresPort(), o.fresh())
                    : PostgresServer.external(o.postgresUrl(), o.postgresUser(), o.postgresPassword()));
            if (postgres.isEmbedded()) {
                own(restartable(new RestartablePart<>("postgres", postgres,
                        () -> PostgresServer.embedded(data, o.postgresPort(), false), PostgresServer::process)));
            }
        } catch (Throwable t) {
            failure = t;
        }
        KafkaCluster kafka = null;
        try {
            kafka = own(kafkaStart.join()); // always adopt the brokers, so a failed start still stops them
            kafka.nodes().forEach(this::restartable);
        } catch (CompletionException e) {
            if (failure == null) {
                failure = e.getCause();
            } else {
                failure.addSuppressed(e.getCause());
            }
        }
        if (failure != null) {
            throw failure instanceof Exception e ? e : new StackStartException(failure.toString(), failure);
        }
        PostgresServer pg = postgres;
        addresses.put("kafka", kafka.bootstrap());
        addresses.put("postgres", pg.jdbcUrl() + (pg.isEmbedded() ? " (embedded, user postgres)" : " (external)"));

        Callable<SchemaRegistry> registryStart = () -> SchemaRegistry.start(home, data, o.registryPort(), pg);
        SchemaRegistry registry = timed("schema registry", registryStart);
        own(restartable(new RestartablePart<>("schema-registry", registry, registryStart, r -> r.process().handle())));
        addresses.put("schema registry", registry.url() + " (Confluent API: " + registry.url() + "/apis/ccompat/v7)");
        endpoints = new StackEndpoints(kafka.bootstrap(), registry.url(), pg.jdbcUrl(), pg.user(), pg.password());

        KafkaCluster cluster = kafka;
        timed("topics and subjects", () -> {
            new Provisioner(new Provisioner.Settings(cluster.bootstrap(), registry.url(), o.partitions(),
                    cluster.replicationFactor(), o.callRetention()), log).provision();
            return null;
        });
        if (o.services()) {
            startServices(home, o);
        }
    }

    private void startServices(Path home, StackOptions o) throws Exception {
        long begin = System.nanoTime();
        Map<ServiceProcess.Service, ManagedProcess> started = new LinkedHashMap<>();
        // the ingress takes campaigns' max_concurrent slots from this stack's routing-service
        Map<String, String> routing = new java.util.HashMap<>(Map.of("SWITCHBOARD_ROUTING_URL",
                "http://" + Ports.LOOPBACK + ":" + o.port(ServiceProcess.Service.ROUTING)));
        if (o.livekitUrl() != null) {
            routing.put("LIVEKIT_URL", o.livekitUrl());
        }
        for (ServiceProcess.Service service : ServiceProcess.Service.values()) {
            started.put(service, own(ServiceProcess.start(home, o.dataDir(), service, o.port(service), endpoints, routing)));
        }
        for (var entry : started.entrySet()) {
            ServiceProcess.Service service = entry.getKey();
            int port = o.port(service);
            ServiceProcess.awaitReady(entry.getValue(), port);
            startTimes.put(service.module, Duration.ofNanos(System.nanoTime() - begin));
            addresses.put(service.module, "http://" + Ports.LOOPBACK + ":" + port);
            Callable<ManagedProcess> restart =
                    () -> ServiceProcess.startReady(home, o.dataDir(), service, port, endpoints, routing);
            disown(entry.getValue());
            own(restartable(new RestartablePart<>(service.module, entry.getValue(), restart, ManagedProcess::handle)));
        }
    }

    /** Kafka's clients load classes through the thread's context loader: give it this class's loader. */
    private static void startInOwnThread(Runnable task) {
        Thread thread = new Thread(task, "stack-start");
        thread.setContextClassLoader(Stack.class.getClassLoader());
        thread.setDaemon(true);
        thread.start();
    }

    private <T> T timed(String part, Callable<T> start) {
        long begin = System.nanoTime();
        log.accept("starting " + part + " ...");
        try {
            T result = start.call();
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            synchronized (this) {
                startTimes.put(part, took);
            }
            log.accept(part + " ready in " + took.toMillis() + " ms");
            return result;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StackStartException(part + " failed to start: " + e.getMessage(), e);
        }
    }

    private synchronized <T extends RestartablePart<?>> T restartable(T part) {
        restartable.put(part.name(), part);
        return part;
    }

    private synchronized void disown(AutoCloseable part) {
        owned.remove(part);
    }

    /** The parts that can be killed and started again, by name (kafka or kafka-N, postgres, services, ...). */
    synchronized Map<String, RestartablePart<?>> restartableParts() {
        return new LinkedHashMap<>(restartable);
    }

    private synchronized <T extends AutoCloseable> T own(T part) {
        if (closed) { // stopped while this part was starting: stop it at once
            closeQuietly(part);
            throw new StackStartException("stack stopped during start-up");
        }
        owned.push(part);
        return part;
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public synchronized Map<String, Duration> startTimes() {
        return new LinkedHashMap<>(startTimes);
    }

    /** Parts in start order with where they listen. */
    public List<Map.Entry<String, String>> addresses() {
        return List.copyOf(addresses.entrySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!owned.isEmpty()) {
            closeQuietly(owned.pop());
        }
        ManagedProcess.closeAll(); // any process caught between its start and its adoption
    }

    private void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.accept("stopping " + part.getClass().getSimpleName() + " failed: " + e);
        }
    }
}
