package io.switchboard.loadgen.chaos;

import io.switchboard.stack.ChaosStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos run: the whole pipeline from empty data, a steady load of signed calls, and every part killed
 * with SIGKILL in turn while the load goes on; then the load stops, the pipeline drains, and what PostgreSQL
 * holds is compared with what was answered. Exits 0 only when nothing was lost, duplicated or dead-lettered.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Kill -9 each part of a fresh local pipeline in turn under load; then check that no answered "
                + "call was lost or counted twice.")
public final class ChaosRun implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "180", description = "Load lasts at least this long (and until"
            + " every fault is over, plus --tail-seconds).") int seconds;
    @Option(names = "--rate", defaultValue = "500", description = "Calls per second (each is four webhooks).") int rate;
    @Option(names = "--brokers", defaultValue = "1", description = "Kafka brokers: 1, or 3 (each killed in turn).")
    int brokers;
    @Option(names = "--parts", split = ",", description = "Parts to kill, in this order (default: all, shuffled).")
    List<String> parts;
    @Option(names = "--rounds", defaultValue = "1", description = "How many times each part is killed.") int rounds;
    @Option(names = "--seed", description = "Seed of the fault order and timing (default: random, printed).") Long seed;
    @Option(names = "--max-pause-seconds", defaultValue = "15") int maxPause;
    @Option(names = "--max-down-seconds", defaultValue = "8") int maxDown;
    @Option(names = "--tail-seconds", defaultValue = "10") int tail;
    @Option(names = "--give-up-seconds", defaultValue = "180",
            description = "A webhook is retried for this long before its call counts as unanswered.") int giveUp;
    @Option(names = "--drain-minutes", defaultValue = "10") int drainMinutes;
    @Option(names = "--numbers", defaultValue = "50") int numbers;
    @Option(names = "--callers", defaultValue = "2000") int callers;
    @Option(names = "--data-dir", description = "Emptied first (default: target/chaos in the checkout).") Path dataDir;

    public static void main(String[] args) {
        // the audit decodes call.records into the generated classes, which Avro 1.12 decodes only from trusted packages
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", io.switchboard.events.CallRecord.class.getPackageName());
        }
        System.exit(io.switchboard.stack.cli.CommandLines.execute(new ChaosRun(), args));
    }

    static void say(String line) {
        System.out.println("[chaos] " + line);
    }

    @Override
    public Integer call() throws Exception {
        long chosenSeed = seed != null ? seed : new Random().nextLong();
        say("seed " + chosenSeed + ", " + rate + " calls/s, " + brokers + " broker(s)");
        Path dir = dataDir != null ? dataDir : Path.of("target", "chaos").toAbsolutePath();
        try (ChaosStack stack = ChaosStack.start(dir, brokers, 6, line -> say("stack: " + line))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "chaos-stop")); // Ctrl-C stops it all too
            new RoutingSetup(stack).create(numbers);
            say("routing ready: " + numbers + " numbers routed to agent " + RoutingSetup.AGENT);
            ChaosCalls script = new ChaosCalls(UUID.randomUUID().toString().substring(0, 8), numbers, callers,
                    "devkey", "secret");
            List<String> order = order(stack.parts(), new Random(chosenSeed));
            say("fault order: " + order);
            return run(stack, script, order, new Random(chosenSeed + 1));
        }
    }

    private List<String> order(List<String> available, Random random) {
        List<String> one = new ArrayList<>(parts != null ? parts : available);
        if (parts == null) {
            Collections.shuffle(one, random);
        }
        one.stream().filter(p -> !available.contains(p)).findFirst().ifPresent(p -> {
            throw new CommandLine.ParameterException(new CommandLine(this), "no part " + p + "; parts: " + available);
        });
        List<String> all = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            all.addAll(one);
        }
        return all;
    }

    private int run(ChaosStack stack, ChaosCalls script, List<String> order, Random random) throws Exception {
        FaultInjector faults = new FaultInjector(stack, order, random, Duration.ofSeconds(maxPause),
                Duration.ofSeconds(maxDown), ChaosRun::say);
        Thread injector = Thread.ofPlatform().name("faults").start(faults);
        long start = System.nanoTime();
        int started;
        ChaosReport report;
        try (CallPlayer player = new CallPlayer(stack.ingress(), script, Duration.ofSeconds(giveUp));
             Progress progress = new Progress(player, start)) {
            started = player.play(rate, () -> System.nanoTime() - start < Duration.ofSeconds(seconds).toNanos()
                    || !faults.done() || System.nanoTime() - faults.lastRecovered() < Duration.ofSeconds(tail).toNanos());
            long loadEnd = System.nanoTime();
            say(String.format("load stopped after %.0f s: %,d calls started; waiting for their webhooks ...",
                    (loadEnd - start) / 1e9, started));
            injector.join();
            if (!player.awaitCalls(Duration.ofSeconds(giveUp + 60))) {
                say("some calls were still retrying after the give-up time");
            }
            PipelineAudit audit = new PipelineAudit(stack.endpoints(), script.prefix());
            Drain drain = Drain.await(audit, player, Duration.ofMinutes(drainMinutes), faults.lastRecovered(), loadEnd);
            report = new ChaosReport(rate, brokers, started, (loadEnd - start) / 1e9, player, faults.faults(), drain);
        }
        report.print(ChaosRun::say);
        return report.passed() ? 0 : 1;
    }
}
