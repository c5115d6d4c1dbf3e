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
import java.util.function.Function;
import org.cloudcheckkit.archive.EventProcessor;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.logging.LogContext;
import org.cloudcheckkit.table.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDF archiving function: consumes the table's stream, and for each newly recorded callback or webhook fetches
 * the result and archives it once final. Each record stands alone: one whose processing fails is turned into a scheduled
 * retry by the processor, and the rest of the batch goes on. Only a record that could not even be scheduled (DynamoDB
 * itself unreachable) is reported, as the batch's first failure, so Lambda retries the batch from it. A stream handler, as the HTTP functions are: the runtime's event serializer would cost
 * more of a cold start than the rest of the function's start-up (bench figure 1).
 */
public final class ArchiveHandler implements RequestStreamHandler {
    private static final Logger log = LoggerFactory.getLogger(ArchiveHandler.class);
    private static final Duration MARGIN = Duration.ofSeconds(5);
    /**
     * SnapStart priming's own request of this function ({@link OwnRequests}): a Go callback for the request priming
     * created, whose result is then fetched and archived, in memory.
     */
    public static final Function<Components, Runnable> OWN_REQUEST = OwnRequests.of(ArchiveHandler::new,
            "archive-stream-insert.json", answer -> answer.path("batchItemFailures").isEmpty());

    private final EventProcessor events;
    private final Clock clock;

    public ArchiveHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
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
        try (LogContext.Scope invocation = LogContext.invocation(context == null ? null : context.getAwsRequestId(), Map.of())) {
            StreamRecords.writeResponse(handle(StreamRecords.read(input), context), output);
        }
    }

    /** Processes a batch in order; answers the sequence number Lambda should retry the batch from, if any. */
    public Optional<String> handle(List<StreamRecords.StreamRecord> records, Context context) {
        Deadline deadline = Deadline.after(Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis())
                .minus(MARGIN), clock);
        String retryFrom = null;
        for (StreamRecords.StreamRecord record : records) {
            Map<String, String> image = record.newImage();
            RecordedEvent event = "INSERT".equals(record.eventName()) && image != null ? RecordedEvent.fromImage(image) : null;
            if (event == null) {
                continue;
            }
            try (LogContext.Scope keys = LogContext.about(event)) {
                try {
                    events.process(event, deadline);
                } catch (RuntimeException e) {
                    log.error("event {} could not be processed or scheduled; the batch is retried from the first such",
                            record.eventId(), e);
                    retryFrom = retryFrom == null ? record.sequenceNumber() : retryFrom;
                }
            }
        }
        return Optional.ofNullable(retryFrom);
    }
}
