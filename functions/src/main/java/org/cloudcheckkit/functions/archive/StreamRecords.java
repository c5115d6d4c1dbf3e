package org.cloudcheckkit.functions.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.CloudcheckJson;

/**
 * The DynamoDB stream event Lambda delivers ({@code {"Records": [...]}}), read with the Jackson the function loads
 * anyway, and the partial-batch answer Lambda reads back. Only what the archive function uses is kept: the event
 * name, the sequence number and the new image's string attributes.
 */
public final class StreamRecords {
    private static final ObjectMapper JSON = CloudcheckJson.newMapper();

    /** One stream record; {@code newImage} is null when the record carries none (a REMOVE, or a keys-only stream). */
    public record StreamRecord(String eventId, String eventName, String sequenceNumber, Map<String, String> newImage) {
    }

    private StreamRecords() {
    }

    /**
     * @throws IllegalArgumentException when the payload is not a stream event; the invocation then fails as a whole,
     *                                  so Lambda keeps the batch and retries it, rather than this skipping records
     */
    public static List<StreamRecord> read(InputStream input) throws IOException {
        JsonNode event = JSON.readTree(input);
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("not a DynamoDB stream event: Records must be a list");
        }
        List<StreamRecord> read = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            JsonNode dynamodb = record.get("dynamodb");
            JsonNode sequenceNumber = dynamodb == null ? null : dynamodb.get("SequenceNumber");
            if (sequenceNumber == null || !sequenceNumber.isTextual()) {
                throw new IllegalArgumentException("not a DynamoDB stream record: dynamodb.SequenceNumber is required");
            }
            read.add(new StreamRecord(record.path("eventID").asText(null), record.path("eventName").asText(null),
                    sequenceNumber.asText(), strings(dynamodb.get("NewImage"))));
        }
        return read;
    }

    /** The answer Lambda expects from a function that reports partial batch failures. */
    public static void writeResponse(Optional<String> retryFrom, OutputStream output) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        var failures = response.putArray("batchItemFailures");
        retryFrom.ifPresent(sequenceNumber -> failures.addObject().put("itemIdentifier", sequenceNumber));
        JSON.writeValue(output, response);
    }

    private static Map<String, String> strings(JsonNode image) {
        if (image == null || !image.isObject()) {
            return null;
        }
        Map<String, String> strings = new HashMap<>();
        image.fields().forEachRemaining(attribute -> {
            JsonNode text = attribute.getValue().get("S");
            if (text != null && text.isTextual()) {
                strings.put(attribute.getKey(), text.asText());
            }
        });
        return strings;
    }
}
