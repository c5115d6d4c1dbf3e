package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DynamoDB event source mapping, run as Lambda runs it: records that pass the filter are delivered in batches of
 * at most BatchSize, one batch at a time per shard and in order. A batch whose invocation throws is retried whole; with
 * ReportBatchItemFailures a batch is retried from the lowest sequence number the function reports (an identifier not
 * in the batch fails the whole batch). Once MaximumRetryAttempts retries are spent (-1: never), the batch's failure
 * record goes to the OnFailure destination and the shard moves on. Retries wait a short, doubling backoff.
 */
final class StreamConsumer {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    /**
     * @param maximumRetryAttempts -1 for no limit (Lambda retries until the records expire)
     * @param backoffBase          the wait before the first retry; it doubles per retry up to {@code backoffMax}
     */
    record Settings(int batchSize, int maximumRetryAttempts, boolean reportsBatchItemFailures, Duration backoffBase,
                    Duration backoffMax) {

        Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("BatchSize must be at least 1");
            }
            if (maximumRetryAttempts < -1) {
                throw new IllegalArgumentException("MaximumRetryAttempts must be -1 or more");
            }
        }

        Duration backoff(int retry) {
            Duration delay = backoffBase.multipliedBy(1L << Math.min(retry - 1, 20));
            return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
        }
    }

    private final String name;
    private final String functionArn;
    private final FunctionInvoker function;
    private final StreamSource source;
    private final EventFilter filter;
    private final Settings settings;
    private final Optional<FailureDestination> onFailure;
    private final Clock clock;
    private final Map<String, ShardQueue> shards = new LinkedHashMap<>();

    /** @param name the function and event, for the log ({@code ArchiveFunction.RecordedEvents}) */
    StreamConsumer(String name, String functionArn, FunctionInvoker function, StreamSource source, EventFilter filter,
                   Settings settings, Optional<FailureDestination> onFailure, Clock clock) {
        this.name = name;
        this.functionArn = functionArn;
        this.function = function;
        this.source = source;
        this.filter = filter;
        this.settings = settings;
        this.onFailure = onFailure;
        this.clock = clock;
    }

    /**
     * Reads what the stream has added, then delivers every shard's pending records until each is empty or waiting
     * for a retry. Called by one thread at a time.
     */
    void pollOnce() {
        for (StreamRecord record : source.poll()) {
            if (filter.matches(record.json())) {
                shards.computeIfAbsent(record.shardId(), ShardQueue::new).pending.add(record);
            }
        }
        shards.values().forEach(this::deliver);
    }

    /** Records waiting in all shards: filtered in, not yet delivered successfully or given up on. */
    int pending() {
        return shards.values().stream().mapToInt(shard -> shard.pending.size()).sum();
    }

    private void deliver(ShardQueue shard) {
        while (!shard.pending.isEmpty() && !clock.instant().isBefore(shard.retryAt)) {
            List<StreamRecord> batch = shard.pending.stream().limit(settings.batchSize()).toList();
            shard.invocations++;
            Optional<Failure> failure = invoke(batch);
            if (failure.isEmpty()) {
                batch.forEach(record -> shard.pending.removeFirst());
                shard.reset();
                continue;
            }
            int acknowledged = failure.get().fromIndex();
            if (acknowledged > 0) {
                // The records before the checkpoint are done; the retry count starts again for the rest.
                batch.subList(0, acknowledged).forEach(record -> shard.pending.removeFirst());
                shard.reset();
                shard.invocations = 1;
            }
            retryOrGiveUp(shard, batch.subList(acknowledged, batch.size()), failure.get());
        }
    }

    private void retryOrGiveUp(ShardQueue shard, List<StreamRecord> failed, Failure failure) {
        int retries = shard.invocations - 1;
        if (settings.maximumRetryAttempts() < 0 || retries < settings.maximumRetryAttempts()) {
            Duration wait = settings.backoff(retries + 1);
            shard.retryAt = clock.instant().plus(wait);
            log.warn("{}: batch of {} from {} failed ({}); retry {} in {} ms", name, failed.size(),
                    failed.get(0).sequenceNumber(), failure.reason(), retries + 1, wait.toMillis());
            return;
        }
        String record = failureRecord(shard, failed, failure);
        onFailure.ifPresentOrElse(destination -> {
            destination.send(record);
            log.error("{}: gave up on {} records from {} after {} attempts; failure record sent to {}", name, failed.size(),
                    failed.get(0).sequenceNumber(), shard.invocations, destination);
        }, () -> log.error("{}: gave up on {} records from {} after {} attempts; no OnFailure destination, so they are dropped",
                name, failed.size(), failed.get(0).sequenceNumber(), shard.invocations));
        failed.forEach(dropped -> shard.pending.removeFirst());
        shard.reset();
    }

    /** Empty when the whole batch succeeded; else where the retry starts and why. */
    private Optional<Failure> invoke(List<StreamRecord> batch) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        batch.forEach(record -> records.add(record.json()));
        String result;
        try {
            result = function.invoke(Json.write(event));
        } catch (FunctionError e) {
            log.error("{}: the function threw on a batch of {}", name, batch.size(), e.getCause());
            return Optional.of(new Failure(0, true, "function error: " + e.getCause()));
        }
        return settings.reportsBatchItemFailures() ? reportedFailure(batch, result) : Optional.empty();
    }

    /** The lowest reported sequence number is the checkpoint; one not in the batch makes the whole batch fail. */
    private static Optional<Failure> reportedFailure(List<StreamRecord> batch, String result) {
        JsonNode failures = Json.parse(result).path("batchItemFailures");
        if (!failures.isArray() || failures.isEmpty()) {
            return Optional.empty();
        }
        Set<String> inBatch = batch.stream().map(StreamRecord::sequenceNumber).collect(Collectors.toSet());
        BigInteger lowest = null;
        for (JsonNode failure : failures) {
            String identifier = failure.path("itemIdentifier").asText("");
            if (!inBatch.contains(identifier)) {
                return Optional.of(new Failure(0, false, "reported item " + (identifier.isEmpty() ? "<empty>" : identifier)
                        + " is not in the batch, so the whole batch failed"));
            }
            BigInteger sequence = new BigInteger(identifier);
            lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
        }
        String checkpoint = lowest.toString();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(checkpoint)) {
                return Optional.of(new Failure(i, false, "reported failure at " + checkpoint));
            }
        }
        throw new IllegalStateException("unreachable: " + checkpoint + " is in the batch");
    }

    /** Lambda's OnFailure record for a stream batch. */
    private String failureRecord(ShardQueue shard, List<StreamRecord> failed, Failure failure) {
        ObjectNode record = Json.object();
        record.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("functionArn", functionArn)
                .put("condition", "RetryAttemptsExhausted")
                .put("approximateInvokeCount", shard.invocations);
        ObjectNode response = record.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST");
        if (failure.thrown()) {
            response.put("functionError", "Unhandled");
        }
        record.put("version", "1.0").put("timestamp", clock.instant().toString());
        StreamRecord first = failed.get(0);
        StreamRecord last = failed.get(failed.size() - 1);
        ObjectNode info = record.putObject("DDBStreamBatchInfo")
                .put("shardId", shard.shardId)
                .put("startSequenceNumber", first.sequenceNumber())
                .put("endSequenceNumber", last.sequenceNumber());
        first.approximateCreationSeconds().ifPresent(seconds ->
                info.put("approximateArrivalOfFirstRecord", Instant.ofEpochSecond(seconds).toString()));
        last.approximateCreationSeconds().ifPresent(seconds ->
                info.put("approximateArrivalOfLastRecord", Instant.ofEpochSecond(seconds).toString()));
        info.put("batchSize", failed.size()).put("streamArn", source.streamArn());
        return Json.write(record);
    }

    /**
     * @param fromIndex the first record of the batch still to be done
     * @param thrown    the function threw, rather than reporting item failures
     */
    private record Failure(int fromIndex, boolean thrown, String reason) {
    }

    /** One shard's records in order, and how the batch at its head has fared. */
    private static final class ShardQueue {
        private final String shardId;
        private final Deque<StreamRecord> pending = new ArrayDeque<>();
        private int invocations;
        private Instant retryAt = Instant.MIN;

        ShardQueue(String shardId) {
            this.shardId = shardId;
        }

        void reset() {
            invocations = 0;
            retryAt = Instant.MIN;
        }
    }

    @Override
    public String toString() {
        return "StreamConsumer[" + name + " <- " + source.streamArn() + "]";
    }

    /** For the log at start: what this consumer does. */
    String describe() {
        return name + " <- " + source.streamArn() + " (batch " + settings.batchSize() + ", retries "
                + (settings.maximumRetryAttempts() < 0 ? "unlimited" : settings.maximumRetryAttempts())
                + onFailure.map(destination -> ", on failure -> " + destination).orElse("") + ")";
    }
}
