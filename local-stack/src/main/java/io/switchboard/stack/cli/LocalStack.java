package io.switchboard.stack.cli;

import io.switchboard.events.Topics;
import io.switchboard.stack.Provisioner;
import io.switchboard.stack.ServiceProcess;
import io.switchboard.stack.Stack;
import io.switchboard.stack.StackHome;
import io.switchboard.stack.StackOptions;
import io.switchboard.stack.StackStartException;
import io.switchboard.stack.ops.DeadLetterRedrive;
import io.switchboard.stack.ops.LivekitSyncCommand;
import io.switchboard.stack.ops.Replay;
import io.switchboard.stack.ops.SpoolQuarantineCommand;
import io.switchboard.stack.ops.TailCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The local stack's command line: {@code run} (the README's command) and the operator tools. */
@Command(name = "switchboard-stack", mixinStandardHelpOptions = true,
        subcommands = {LocalStack.Run.class, LocalStack.Provision.class, LocalStack.ReplayCommand.class,
                LocalStack.RedriveCommand.class, SpoolQuarantineCommand.class, LivekitSyncCommand.class, TailCommand.class,
                ServiceCommands.Status.class, ServiceCommands.Stop.class, ServiceCommands.Start.class,
                ServiceCommands.Restart.class, ServiceCommands.Logs.class},
        description = "Runs Switchboard locally without Docker, or provisions a cluster's topics and subjects.")
public final class LocalStack {

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new LocalStack(), args.length == 0 ? new String[] {"run"} : args));
    }

    /** Days of retention for the call topics; a negative number keeps them forever (null). */
    static Duration retention(long days) {
        return days < 0 ? null : Duration.ofDays(days);
    }

    static void say(String line) {
        System.out.println("[stack] " + line);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start Kafka, the schema registry, PostgreSQL and the three services on 127.0.0.1; "
                    + "Ctrl-C stops everything started here.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--data-dir", description = "Folder the stack owns (default: <checkout>/.data).")
        Path dataDir;
        @Option(names = "--fresh", description = "Start from empty data.")
        boolean fresh;
        @Option(names = "--kafka-port", defaultValue = "9092") int kafkaPort;
        @Option(names = "--kafka-controller-port", defaultValue = "9093") int controllerPort;
        @Option(names = "--registry-port", defaultValue = "8085") int registryPort;
        @Option(names = "--postgres-port", defaultValue = "5433", description = "Port of the embedded PostgreSQL.")
        int postgresPort;
        @Option(names = "--postgres-url", defaultValue = "${env:SWITCHBOARD_POSTGRES_URL}",
                description = "JDBC URL of an external PostgreSQL instead of the embedded one.")
        String postgresUrl;
        @Option(names = "--postgres-user", defaultValue = "${env:SWITCHBOARD_POSTGRES_USER:-postgres}")
        String postgresUser;
        @Option(names = "--postgres-password", defaultValue = "${env:SWITCHBOARD_POSTGRES_PASSWORD:-}")
        String postgresPassword;
        @Option(names = "--partitions", defaultValue = "6") int partitions;
        @Option(names = "--brokers", defaultValue = "1", description = "Kafka brokers: 1, or 3 (replication factor 3,"
                + " min.insync.replicas 2; the others on free ports).") int brokers;
        @Option(names = "--call-retention-days", defaultValue = "400",
                description = "Retention of call.* topics; -1 keeps them forever.")
        long callRetentionDays;
        @Option(names = "--no-services", description = "Start only Kafka, the registry and PostgreSQL.")
        boolean noServices;
        @Option(names = "--livekit-stand-in", description = "Without LIVEKIT_URL: give the services a stand-in of LiveKit's"
                + " API (the tests' fake), to try web calls and calls out (./switchboard simulate-call --web, --outbound).")
        boolean livekitStandIn;
        @Option(names = "--ingress-port", defaultValue = "8080") int ingressPort;
        @Option(names = "--routing-port", defaultValue = "8081") int routingPort;
        @Option(names = "--calllog-port", defaultValue = "8082") int calllogPort;

        @Override
        public Integer call() throws InterruptedException, java.io.IOException {
            Path home = StackHome.locate();
            Path data = dataDir == null ? home.resolve(".data") : dataDir;
            if (fresh) {
                StackHome.deleteTree(data);
            }
            var standIn = LivekitStandIn.startIf(livekitStandIn && !noServices);
            StackOptions options = new StackOptions(data, fresh,
                    kafkaPort, controllerPort, registryPort, postgresPort, postgresUrl, postgresUser,
                    postgresPassword, partitions, retention(callRetentionDays),
                    !noServices, ingressPort, routingPort, calllogPort, brokers, standIn == null ? null : standIn.url());
            Stack stack = new Stack(LocalStack::say);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                say("stopping everything started here ...");
                stack.close();
                if (standIn != null) {
                    standIn.close();
                }
                say("stopped");
            }, "stack-shutdown"));
            try {
                stack.start(home, options);
            } catch (StackStartException e) {
                System.err.println("[stack] could not start: " + e.getMessage());
                return 1;
            }
            if (standIn != null) {
                say("LiveKit API stand-in for the services: " + standIn.url() + " (no media; outbound trunk "
                        + LivekitStandIn.TRUNK + ")");
            }
            var control = io.switchboard.stack.StackControl.open(stack, data, LocalStack::say);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    control.close();
                } catch (java.io.IOException ignored) {
                    // the socket file is replaced at the next start anyway
                }
            }, "stack-control-close"));
            printSummary(stack, options);
            new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops the stack
            return 0;
        }

        private static void printSummary(Stack stack, StackOptions options) {
            say("");
            say("Switchboard is running (data in " + options.dataDir() + ", logs in "
                    + options.dataDir().resolve("logs") + "):");
            stack.addresses().forEach(e -> say(String.format("  %-16s %s", e.getKey(), e.getValue())));
            if (options.services()) {
                say("  admin token: " + (System.getenv("SWITCHBOARD_ADMIN_TOKEN") == null
                        ? ServiceProcess.adminToken() + " (set SWITCHBOARD_ADMIN_TOKEN to choose one)" : "from SWITCHBOARD_ADMIN_TOKEN"));
                say("  DEVELOPMENT SECRETS: the services accept well-known keys here (LiveKit devkey/secret, the"
                        + " admin token above); a deployment refuses them");
            }
            say("start times:");
            stack.startTimes().forEach((part, took) -> say(String.format("  %-20s %6d ms", part, took.toMillis())));
            say("One part at a time: ./switchboard status | stop | start | restart | logs <part, e.g. calllog>.");
            say("Press Ctrl-C to stop everything.");
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Reprocess the call topics into calllog-service's tables: stop calllog-service, run this, start it "
                    + "again (--restart-consumer does both with ./switchboard run's).")
    static final class ReplayCommand implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092") String bootstrap;
        @Option(names = "--group", defaultValue = Topics.CALLLOG_GROUP) String group;
        @Option(names = "--from", description = "An ISO-8601 instant (2026-11-25T09:00:00Z); default: the beginning"
                + " of the topics") java.time.Instant from;
        @Option(names = "--follow-minutes", defaultValue = "30",
                description = "Then report progress until the group has caught up (0: do not wait).") int followMinutes;
        @Option(names = "--restart-consumer", description = "Stop the running stack's calllog-service for the rewind and "
                + "start it again after (./switchboard run's; its data folder: --data-dir).") boolean restartConsumer;
        @Option(names = "--data-dir", description = "The running stack's data folder (default: <checkout>/.data).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            Replay replay = new Replay(bootstrap, group, LocalStack::say);
            Path data = dataDir == null ? StackHome.locate().resolve(".data") : dataDir;
            if (restartConsumer && !ServiceCommands.ask(data, "stop calllog-service", LocalStack::say)) {
                return 1;
            }
            long events;
            try {
                events = replay.rewind(from);
            } finally {
                if (restartConsumer && !ServiceCommands.ask(data, "start calllog-service", LocalStack::say)) {
                    say("calllog-service did not start again: ./switchboard start calllog");
                }
            }
            if (followMinutes == 0) {
                return 0;
            }
            say(restartConsumer ? "following calllog-service's progress ..."
                    : "start calllog-service now (./switchboard start calllog); following its progress ...");
            return replay.follow(events, Duration.ofMinutes(followMinutes)) ? 0 : 1;
        }
    }

    @Command(name = "redrive-dead-letters", mixinStandardHelpOptions = true,
            description = "Copy calllog-service's dead letters back to their topics (once their cause is fixed); "
                    + "each run takes the letters that arrived since the last one.")
    static final class RedriveCommand implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092") String bootstrap;
        @Option(names = "--group", defaultValue = DeadLetterRedrive.DEFAULT_GROUP,
                description = "Consumer group that remembers which letters were re-driven.") String group;
        @Option(names = "--topic", defaultValue = Topics.CALLLOG_DEAD_LETTERS,
                description = "Dead-letter topic to read (default: ${DEFAULT-VALUE}).") String topic;
        @Option(names = "--dry-run", description = "List the letters and their reasons; move nothing.") boolean dryRun;

        @Override
        public Integer call() throws Exception {
            new DeadLetterRedrive(bootstrap, topic, group, LocalStack::say).run(dryRun);
            return 0;
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = "Create the catalogue's topics and register its schemas (BACKWARD) on any cluster.")
    static final class Provision implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", required = true) String bootstrap;
        @Option(names = "--registry-url", required = true, description = "Base URL of the registry.")
        String registryUrl;
        @Option(names = "--partitions", defaultValue = "6") int partitions;
        @Option(names = "--replication-factor", defaultValue = "1") short replication;
        @Option(names = "--call-retention-days", defaultValue = "400") long callRetentionDays;

        @Override
        public Integer call() throws Exception {
            new Provisioner(new Provisioner.Settings(bootstrap, registryUrl, partitions, replication,
                    retention(callRetentionDays)), LocalStack::say).provision();
            return 0;
        }
    }
}
