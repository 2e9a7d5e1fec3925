package io.switchboard.stack.testing;

import io.switchboard.stack.Stack;
import io.switchboard.stack.StackHome;
import io.switchboard.stack.StackOptions;
import io.switchboard.stack.StackStartException;
import io.switchboard.stack.cli.CommandLines;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stack that one test run shares (see {@link SharedStack}): free ports, a throw-away data folder,
 * no services. It lives exactly as long as its owner (the Maven JVM of the run), then stops everything
 * and deletes its data.
 */
@Command(name = "test-stack")
public final class TestStackCommand implements Callable<Integer> {
    @Option(names = "--state-file", required = true) Path stateFile;
    @Option(names = "--data-dir", required = true) Path dataDir;
    @Option(names = "--owner-pid", required = true) long ownerPid;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new TestStackCommand(), args));
    }

    @Override
    public Integer call() throws Exception {
        ProcessHandle owner = ProcessHandle.of(ownerPid).orElse(null);
        if (owner == null) {
            System.err.println("[test-stack] owner " + ownerPid + " is gone");
            return 1;
        }
        Stack stack = new Stack(line -> System.out.println("[test-stack] " + line));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            StackHome.deleteTree(dataDir);
        }, "test-stack-shutdown"));
        try {
            stack.start(StackHome.locate(), StackOptions.forTests(dataDir));
        } catch (StackStartException e) {
            System.err.println("[test-stack] could not start: " + e.getMessage());
            return 1;
        }
        stack.endpoints().writeTo(stateFile, ProcessHandle.current().pid(), ownerPid);
        System.out.println("[test-stack] ready: " + stack.startTimes());
        owner.onExit().join();
        System.out.println("[test-stack] owner exited; stopping");
        return 0; // System.exit runs the shutdown hook
    }
}
