package io.switchboard.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.Topics;
import io.switchboard.stack.Provisioner;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ./switchboard run} provisions when given no options. */
class LocalRunDefaultsUnitTests {
    @Test
    void aLocalRunKeepsTheCallTopicsFor400DaysByDefault() {
        LocalStack.Run run = new LocalStack.Run();
        new picocli.CommandLine(run).parseArgs();
        Map<String, String> config = Provisioner.topicConfig(Topics.CALL_STARTED, LocalStack.retention(run.callRetentionDays));
        assertThat(config).containsEntry("retention.ms", Long.toString(java.time.Duration.ofDays(400).toMillis()))
                .containsEntry("cleanup.policy", "delete");
        assertThat(Provisioner.topicConfig(Topics.CALL_STARTED, LocalStack.retention(-1))).containsEntry("retention.ms", "-1");
    }
}
