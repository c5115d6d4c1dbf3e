package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * retry by the processor.
 */
public final class ArchiveHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
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
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        Deadline deadline = Deadline.after(Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis())
                .minus(MARGIN), clock);
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
            if (!"INSERT".equals(record.getEventName()) || image == null
                    || !EventProcessor.isEvent(text(image.get(TableKeys.SK)))) {
                continue;
            }
            try {
                events.process(recorded(image), deadline);
            } catch (RuntimeException e) {
                log.error("event {} could not be processed; the batch is retried from it", record.getEventID(), e);
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }

    private static RecordedEvent recorded(Map<String, AttributeValue> image) {
        Map<String, String> attributes = new HashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                attributes.put(name, value.getS());
            }
        });
        return new RecordedEvent(attributes.get(TableKeys.PK), attributes.get(TableKeys.SK), attributes);
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.getS();
    }
}
