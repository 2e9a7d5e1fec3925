package io.switchboard.loadgen.chaos;

/** Every ten seconds, a line on how the calls are going, so that a stall shows while it happens. */
final class Progress implements AutoCloseable {
    private final Thread thread;

    Progress(CallPlayer player, long origin) {
        thread = Thread.ofPlatform().daemon().name("chaos-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(10_000);
                    ChaosRun.say(String.format("%6.1f s  requests %,d, calls answered %,d, retries %s",
                            (System.nanoTime() - origin) / 1e9, player.requests.sum(), player.answered.size(),
                            player.retries()));
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
