package org.cloudcheckkit.sandbox.callback;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers callbacks asynchronously, in order per target, never blocking the API call that caused them. Like
 * Cloudcheck, it makes one attempt and does not retry. Every attempt is recorded. Injected callback faults apply to the
 * callbacks dispatched after them, in the order the faults were added.
 */
public final class CallbackDispatcher {

    private static final int HISTORY = 10_000;

    private static final class ActiveFault {
        private final CallbackFault fault;
        private final List<Callback> held = new ArrayList<>();
        private int remaining;

        private ActiveFault(CallbackFault fault) {
            this.fault = fault;
            this.remaining = fault.count();
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final Consumer<String> events;
    private final Map<String, TargetQueue> targets = new ConcurrentHashMap<>();
    private final Deque<ActiveFault> faults = new ArrayDeque<>();
    private final Deque<CallbackDelivery> deliveries = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Bumped by reset: deliveries queued before it are skipped, so one test's stragglers never reach the next. */
    private final AtomicInteger generation = new AtomicInteger();
    private final Object idleMonitor = new Object();
    private int pending;

    /**
     * @param timeout how long one attempt may take, connecting included
     * @param pool    runs deliveries; the caller owns and shuts it down
     * @param timer   runs delayed deliveries; the caller owns and shuts it down
     */
    public CallbackDispatcher(Duration timeout, Clock clock, Executor pool, ScheduledExecutorService timer,
                              Consumer<String> events) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(pool)
                .build();
        this.timeout = timeout;
        this.clock = clock;
        this.pool = pool;
        this.timer = timer;
        this.events = events;
    }

    public void dispatch(Callback callback) {
        int currentGeneration = generation.get();
        synchronized (faults) {
            ActiveFault active = faults.peekFirst();
            if (active == null) {
                enqueue(callback, currentGeneration, null, Duration.ZERO);
                return;
            }
            CallbackFault fault = active.fault;
            String label = fault.kind().name();
            switch (fault.kind()) {
                case DROP -> record(callback, 0, "dropped by an injected fault", label);
                case DUPLICATE -> {
                    for (int copy = 0; copy < fault.copies(); copy++) {
                        enqueue(callback, currentGeneration, label, Duration.ZERO);
                    }
                }
                case DELAY -> enqueue(callback, currentGeneration, label, fault.delay());
                case REORDER -> active.held.add(callback);
            }
            if (--active.remaining == 0) {
                faults.removeFirst();
                Collections.reverse(active.held);
                active.held.forEach(held -> enqueue(held, currentGeneration, label, Duration.ZERO));
            }
        }
    }

    public void failNext(CallbackFault fault) {
        synchronized (faults) {
            faults.addLast(new ActiveFault(fault));
        }
    }

    public List<CallbackDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /**
     * Waits until every callback dispatched so far has been attempted or dropped. Callbacks held by a REORDER fault
     * that has not gathered its count are not waited for.
     */
    public boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (idleMonitor) {
            try {
                while (pending > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Forgets faults, held and queued callbacks, and the delivery history. */
    public void reset() {
        generation.incrementAndGet();
        // Queues still draining keep their own reference; new callbacks start fresh queues.
        targets.clear();
        synchronized (faults) {
            faults.clear();
        }
        synchronized (deliveries) {
            deliveries.clear();
        }
    }

    private void enqueue(Callback callback, int callbackGeneration, String fault, Duration delay) {
        synchronized (idleMonitor) {
            pending++;
        }
        Runnable attempt = () -> {
            try {
                if (callbackGeneration == generation.get()) {
                    deliver(callback, fault);
                }
            } finally {
                synchronized (idleMonitor) {
                    pending--;
                    idleMonitor.notifyAll();
                }
            }
        };
        TargetQueue queue = targets.computeIfAbsent(callback.target(), target -> new TargetQueue(pool));
        if (delay.isZero()) {
            queue.add(attempt);
        } else {
            timer.schedule(() -> queue.add(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void deliver(Callback callback, String fault) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(callback.url())
                    .timeout(timeout)
                    .header("User-Agent", "cloudcheck-sandbox");
            if (callback.body() == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(callback.body()));
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            record(callback, response.statusCode(), null, fault);
        } catch (IOException | RuntimeException e) {
            // A RuntimeException must not escape either: it would stop this target's queue for good.
            record(callback, 0, e.toString(), fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(callback, 0, "interrupted: the sandbox is stopping", fault);
        }
    }

    private void record(Callback callback, int status, String error, String fault) {
        CallbackDelivery delivery = new CallbackDelivery(sequence.incrementAndGet(), clock.instant(), callback.kind(),
                callback.method(), callback.url().toString(), callback.body(), status, error, fault);
        synchronized (deliveries) {
            if (deliveries.size() == HISTORY) {
                deliveries.removeFirst();
            }
            deliveries.addLast(delivery);
        }
        events.accept("callback " + callback.kind() + " " + callback.method() + " " + callback.url() + " -> "
                + (status == 0 ? error : String.valueOf(status)) + (fault == null ? "" : " (injected " + fault + ")"));
    }
}
