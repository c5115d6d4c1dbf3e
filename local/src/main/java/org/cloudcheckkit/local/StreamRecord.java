package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;

/**
 * One change from a table's stream, as Lambda delivers it: the JSON of one element of the event's {@code Records},
 * with the shard it was read from.
 */
record StreamRecord(String shardId, String sequenceNumber, ObjectNode json) {

    /** {@code dynamodb.ApproximateCreationDateTime} in epoch seconds; absent when the emulator gave none. */
    OptionalLong approximateCreationSeconds() {
        JsonNode value = json.path("dynamodb").path("ApproximateCreationDateTime");
        return value.isNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }
}
