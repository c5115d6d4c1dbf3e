package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.archive.EventProcessor;
import org.cloudcheckkit.callbacks.RecordedEvent;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.store.TableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF archiving function: consumes the table's stream, and for each newly recorded callback or webhook fetches
 * the result and archives it once final. A record whose processing throws (DynamoDB itself unreachable) is reported
 * as the batch's first failure, so Lambda retries from it; anything else has already been turned into a scheduled
 * retry by the processor. A stream handler, as the HTTP functions are: the runtime's event serializer would cost
 * more of a cold start than the rest of the function's start-up (bench figure 1).
 */
public final class ArchiveHandler implements RequestStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(ArchiveHandler.class);
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final EventProcessor events;
    private final Clock clock;

    public ArchiveHandler() {
        this(Components.fromEnvironment(System.getenv()));
    }

    public ArchiveHandler(Components components) {
        this(components.eventProcessor(), components.clock());
    }

    public ArchiveHandler(EventProcessor events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamRecords.writeResponse(handle(StreamRecords.read(input), context), output);
    }

    /** Processes a batch in order; answers the sequence number Lambda should retry the batch from, if any. */
    public Optional<String> handle(List<StreamRecords.StreamRecord> records, Context context) {
        Deadline deadline = Deadline.after(Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis())
                .minus(MARGIN), clock);
        for (StreamRecords.StreamRecord record : records) {
            Map<String, String> image = record.newImage();
            if (!"INSERT".equals(record.eventName()) || image == null || !EventProcessor.isEvent(image.get(TableKeys.SK))) {
                continue;
            }
            try {
                events.process(new RecordedEvent(image.get(TableKeys.PK), image.get(TableKeys.SK), image), deadline);
            } catch (RuntimeException e) {
                log.error("event {} could not be processed; the batch is retried from it", record.eventId(), e);
                return Optional.of(record.sequenceNumber());
            }
        }
        return Optional.empty();
    }
}
