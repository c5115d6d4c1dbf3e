package org.cloudcheckkit.local;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named daemon threads, so that a thread dump says what each is, and none keeps the JVM alive after close. */
final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);
    private static final long STOP_WAIT_SECONDS = 5;

    private Threads() {
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static ScheduledExecutorService scheduledPool(String prefix, int threads) {
        return Executors.newScheduledThreadPool(threads, named(prefix));
    }

    static ExecutorService cachedPool(String prefix) {
        return Executors.newCachedThreadPool(named(prefix));
    }

    /** Interrupts what runs and waits a little for it to end. */
    static void stop(ExecutorService executor, String what) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s", what, STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
