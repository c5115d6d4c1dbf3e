package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.cloudcheckkit.localaws.FunctionEvent;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the template's Schedule and ScheduleV2 events every local interval instead of their expression, with the
 * payload EventBridge sends a scheduled rule's target. A function never runs twice at once: a tick that finds it
 * still running is skipped. A failed run is logged and not retried: Lambda would retry an asynchronous invocation
 * twice, a minute or more apart, but locally the next tick comes within seconds and does the same work.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** One schedule: which function, and the rule's name and expression as the template gives them. */
    record Job(String functionId, String eventName, String expression, String ruleArn, FunctionInvoker function) {
    }

    private final List<Job> jobs;
    private final Duration interval;
    private final String accountId;
    private final String region;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    Scheduler(List<Job> jobs, Duration interval, String accountId, String region, Clock clock) {
        this.jobs = List.copyOf(jobs);
        this.interval = interval;
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
        this.executor = Threads.scheduledPool("schedule", Math.max(1, jobs.size()));
    }

    /** A job for every enabled Schedule or ScheduleV2 event of the template. */
    static Scheduler fromTemplate(LocalAws aws, LocalFunctions functions, Duration interval, Clock clock) {
        String accountId = String.valueOf(aws.resolve(Map.of("Ref", "AWS::AccountId")).orElseThrow());
        String region = aws.region().id();
        List<Job> jobs = new ArrayList<>();
        for (ServerlessFunction function : aws.template().functions()) {
            for (FunctionEvent event : function.events()) {
                if (event instanceof FunctionEvent.Schedule schedule && schedule.enabled()) {
                    LocalFunction local = functions.get(function.logicalId());
                    String rule = aws.stackName() + "-" + function.logicalId() + schedule.name();
                    jobs.add(new Job(function.logicalId(), schedule.name(),
                            aws.resolve(schedule.expression()).map(String::valueOf).orElse("?"),
                            "arn:aws:events:" + region + ":" + accountId + ":rule/" + rule, local::invoke));
                }
            }
        }
        return new Scheduler(jobs, interval, accountId, region, clock);
    }

    void start() {
        for (Job job : jobs) {
            executor.scheduleWithFixedDelay(() -> tick(job), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    List<Job> jobs() {
        return jobs;
    }

    /** One run of the job's function, unless it is still running; never throws, or the executor would cancel the job. */
    void tick(Job job) {
        ReentrantLock lock = running.computeIfAbsent(job.functionId(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            log.debug("{} is still running; skipped this tick of {}", job.functionId(), job.eventName());
            return;
        }
        try {
            String result = job.function().invoke(Json.write(scheduledEvent(job)));
            log.debug("{} ({}) returned {}", job.functionId(), job.eventName(), result);
        } catch (FunctionError e) {
            log.error("{} ({}) failed; not retried, the next tick runs in {} s", job.functionId(), job.eventName(),
                    interval.toSeconds(), e.getCause());
        } catch (RuntimeException e) {
            log.error("{} ({}) could not be invoked", job.functionId(), job.eventName(), e);
        } finally {
            lock.unlock();
        }
    }

    /** What EventBridge sends a scheduled rule's Lambda target. */
    ObjectNode scheduledEvent(Job job) {
        ObjectNode event = Json.object()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", accountId)
                .put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", region);
        event.putArray("resources").add(job.ruleArn());
        event.putObject("detail");
        return event;
    }

    /** Stops the ticks and interrupts a run in progress. */
    @Override
    public void close() {
        Threads.stop(executor, "schedules");
    }
}
