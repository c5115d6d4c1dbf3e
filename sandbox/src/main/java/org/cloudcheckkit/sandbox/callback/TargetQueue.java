package org.cloudcheckkit.sandbox.callback;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/**
 * Runs one target's deliveries one at a time, in order, on a shared pool: a slow target holds up only its own queue,
 * and no thread sits idle per target.
 */
final class TargetQueue {

    private final Executor pool;
    private final Deque<Runnable> deliveries = new ArrayDeque<>();
    private boolean draining;

    TargetQueue(Executor pool) {
        this.pool = pool;
    }

    synchronized void add(Runnable delivery) {
        deliveries.addLast(delivery);
        if (!draining) {
            draining = true;
            pool.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = deliveries.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
