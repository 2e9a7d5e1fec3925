package io.switchboard.loadgen.chaos;

import java.util.List;
import java.util.function.Consumer;

/** A chaos run's figures, and whether it passed: nothing lost, nothing counted twice, no dead letter, every part back. */
record ChaosReport(int rate, int brokers, int started, double loadSeconds, int answered, int partial, int unanswered,
                   long requests, String retries, List<String> refusals, List<FaultInjector.Fault> faults, Drain drain) {

    ChaosReport(int rate, int brokers, int started, double loadSeconds, CallPlayer player,
                List<FaultInjector.Fault> faults, Drain drain) {
        this(rate, brokers, started, loadSeconds, player.answered.size(), player.partial.size(),
                player.unanswered.size(), player.requests.sum(), player.retries().toString(),
                List.copyOf(player.refusals), faults, drain);
    }

    boolean passed() {
        return drain.drained() && drain.findings().clean() && refusals.isEmpty()
                && faults.stream().allMatch(f -> f.error() == null);
    }

    void print(Consumer<String> out) {
        PipelineAudit.Findings f = drain.findings();
        out.accept("");
        out.accept(String.format("calls: %,d started at %d/s over %.0f s; %,d answered (all four webhooks 200), "
                + "%,d partly, %,d not at all within the give-up time", started, rate, loadSeconds, answered, partial,
                unanswered));
        out.accept(String.format("requests: %,d; retried after (status, -1 = no connection): %s", requests, retries));
        out.accept("refused with a 4xx (a defect): " + refusals.size() + (refusals.isEmpty() ? "" : " e.g. " + refusals.getFirst()));
        out.accept("faults (" + brokers + " broker" + (brokers == 1 ? "" : "s") + "):");
        faults.forEach(x -> out.accept(String.format("  %-16s killed at %6.1f s, down %4.1f s, ready %5.1f s after restart%s",
                x.part(), x.killedAtSeconds(), x.down().toMillis() / 1e3, x.restart().toMillis() / 1e3,
                x.error() == null ? "" : "  RESTART FAILED: " + x.error())));
        out.accept(String.format("lost: %d (no call log %d, partly answered without one %d); wrong status %d; wrong "
                        + "duration %d; leads with attempts != calls %d (off by %d in all); dead letters %d; "
                        + "call.records unequal to call_logs %d",
                f.lost(), f.missing(), f.partialWithoutLog(), f.wrongStatus(), f.wrongDuration(), f.leadsWrong(),
                f.attemptsOff(), f.deadLetters(), f.recordsUnequal()));
        f.examples().forEach(e -> out.accept("  e.g. " + e));
        out.accept(String.format("drained: %s, %.1f s after the last fault's part was back, %.1f s after the load stopped,"
                        + " %.1f s after the last webhook was answered", drain.drained() ? "yes" : "NO",
                drain.afterLastFault().toMillis() / 1e3, drain.afterLoad().toMillis() / 1e3,
                drain.afterLastAnswer().toMillis() / 1e3));
        out.accept(passed() ? "PASSED: nothing lost, nothing duplicated" : "FAILED");
        out.accept(String.format("| %d | %d/s | %.0f s | %,d | %d | %d | %d | %d | %.0f s | %.1f s |", brokers, rate,
                loadSeconds, answered, faults.size(), f.lost(), f.attemptsOff(), f.deadLetters(),
                drain.afterLastFault().toMillis() / 1e3, drain.afterLastAnswer().toMillis() / 1e3));
    }
}
