package io.switchboard.stack.cli;

import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * Runs a command-line tool: a mistake on the command line gets picocli's one-line message and the usage (exit 2); a
 * failure while running (a broker that cannot be reached, a group that is in use) gets one line naming the cause,
 * never a stack trace (exit 1).
 */
public final class CommandLines {
    private CommandLines() {
    }

    public static int execute(Object command, String... args) {
        return execute(new PrintWriter(System.err, true), command, args);
    }

    static int execute(PrintWriter err, Object command, String... args) {
        return new CommandLine(command)
                .setErr(err)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println(line.getCommandName() + ": " + describe(failure));
                    line.getErr().flush();
                    return 1;
                })
                .execute(args);
    }

    /** The failure's message, looked for inside the wrappers that only carry another exception. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && (t instanceof ExecutionException || t instanceof CompletionException
                || t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
