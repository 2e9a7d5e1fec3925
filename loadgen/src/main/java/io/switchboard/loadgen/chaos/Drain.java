package io.switchboard.loadgen.chaos;

import java.time.Duration;

/**
 * The wait for the pipeline to catch up after the load: the audit repeated until every answered call is stored as it should be, or the
 * limit passes. The drain times are measured to the first such audit (audits take a second or two each).
 */
record Drain(PipelineAudit.Findings findings, boolean drained, Duration afterLastFault, Duration afterLoad,
             Duration afterLastAnswer) {

    static Drain await(PipelineAudit audit, CallPlayer player, Duration limit, long lastRecovered, long loadEnd)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            PipelineAudit.Findings findings = audit.check(player.answered, player.partial);
            long now = System.nanoTime();
            if (findings.settled() || now > deadline) {
                return new Drain(findings, findings.settled(), Duration.ofNanos(now - lastRecovered),
                        Duration.ofNanos(now - loadEnd), Duration.ofNanos(now - player.lastAnswer));
            }
            Thread.sleep(2_000);
        }
    }
}
