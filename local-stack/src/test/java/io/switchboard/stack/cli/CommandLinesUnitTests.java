package io.switchboard.stack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** A tool's user sees one line saying what is wrong, never a stack trace. */
class CommandLinesUnitTests {
    private final StringWriter err = new StringWriter();

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new ExecutionException(new IllegalStateException("group calllog has running members: stop it first"));
        }
    }

    @Test
    void aFailureWhileRunningIsOneLineNamingItsCause() {
        int exit = CommandLines.execute(new PrintWriter(err, true), new Failing());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("failing: group calllog has running members: stop it first"
                + System.lineSeparator());
    }

    @Test
    void aBadOptionValueNamesTheOptionAndRunsNothing() {
        int exit = CommandLines.execute(new PrintWriter(err, true), new LocalStack(), "replay", "--from", "yesterday");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for option '--from'").doesNotContain("\tat ");
    }
}
