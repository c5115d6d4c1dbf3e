package org.cloudcheckkit.local;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cloudcheckkit.localaws.FunctionEvent;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalResource;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A consumer for every DynamoDB event of the template, each polling its stream on a thread of its own. */
final class StreamConsumers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumers.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** Lambda does not document its stream retry backoff; locally a failing batch is retried within seconds. */
    private static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(5);
    private static final String QUEUE_TYPE = "AWS::SQS::Queue";

    private final List<StreamConsumer> consumers;
    private final ScheduledExecutorService executor;

    private StreamConsumers(List<StreamConsumer> consumers) {
        this.consumers = List.copyOf(consumers);
        this.executor = Threads.scheduledPool("stream", Math.max(1, consumers.size()));
    }

    static StreamConsumers fromTemplate(LocalAws aws, LocalFunctions functions, Clock clock) {
        List<StreamConsumer> consumers = new ArrayList<>();
        for (ServerlessFunction function : aws.template().functions()) {
            for (FunctionEvent event : function.events()) {
                if (event instanceof FunctionEvent.DynamoDb stream) {
                    consumers.add(consumer(aws, functions.get(function.logicalId()), stream, clock));
                }
            }
        }
        return new StreamConsumers(consumers);
    }

    private static StreamConsumer consumer(LocalAws aws, LocalFunction function, FunctionEvent.DynamoDb event, Clock clock) {
        String name = function.logicalId() + "." + event.name();
        String streamArn = aws.resolve(event.stream()).map(String::valueOf).orElseThrow(
                () -> new IllegalStateException(name + ": Stream resolves to no value"));
        boolean fromTrimHorizon = switch (event.startingPosition()) {
            case "TRIM_HORIZON" -> true;
            case "LATEST" -> false;
            default -> throw new IllegalStateException(name + ": StartingPosition " + event.startingPosition()
                    + " is not one DynamoDB streams support (TRIM_HORIZON, LATEST)");
        };
        if (event.bisectBatchOnFunctionError()) {
            log.warn("{}: BisectBatchOnFunctionError is not emulated; a failing batch is retried whole", name);
        }
        Optional<FailureDestination> onFailure = event.onFailureDestination().map(destination -> queue(aws, name, destination));
        return new StreamConsumer(name, function.functionArn(), function::invoke,
                new DynamoDbStreamSource(aws.dynamoDbStreams(), streamArn, aws.region().id(), fromTrimHorizon),
                EventFilter.of(event.filterPatterns()),
                new StreamConsumer.Settings(event.batchSize(), event.maximumRetryAttempts(), event.reportsBatchItemFailures(),
                        BACKOFF_BASE, BACKOFF_MAX),
                onFailure, clock);
    }

    /** The local queue whose ARN the destination resolves to; a topic or a function is not emulated. */
    private static FailureDestination queue(LocalAws aws, String name, Object destination) {
        String arn = aws.resolve(destination).map(String::valueOf).orElseThrow(
                () -> new IllegalStateException(name + ": the OnFailure Destination resolves to no value"));
        LocalResource queue = aws.resources().values().stream()
                .filter(resource -> resource.type().equals(QUEUE_TYPE) && arn.equals(resource.attributes().get("Arn")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + ": the OnFailure destination " + arn
                        + " is not a queue of the template; only SQS destinations are emulated"));
        return FailureDestination.queue(aws.sqs(), aws.queueUrl(queue.logicalId()));
    }

    void start() {
        for (StreamConsumer consumer : consumers) {
            executor.scheduleWithFixedDelay(() -> poll(consumer), 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    List<StreamConsumer> consumers() {
        return consumers;
    }

    /** Never throws: an exception would cancel the consumer's schedule. */
    private static void poll(StreamConsumer consumer) {
        try {
            consumer.pollOnce();
        } catch (RuntimeException e) {
            log.warn("{}: reading the stream failed, trying again: {}", consumer, e.toString());
        }
    }

    @Override
    public void close() {
        Threads.stop(executor, "stream consumers");
    }
}
