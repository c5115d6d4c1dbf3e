package org.cloudcheckkit.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cloudcheckkit.localaws.DynamoDbStreamReader;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A table stream in the emulator, read with {@link DynamoDbStreamReader}. The reader gives records without their
 * shard, so each is placed by its sequence number in the shards' sequence number ranges; an emulator's table has one
 * shard, where this is exact.
 */
final class DynamoDbStreamSource implements StreamSource {

    private static final PojoSerializer<DynamodbEvent> EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamoDbStreamSource.class.getClassLoader());

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final DynamoDbStreamReader reader;
    private List<ShardRange> shards = List.of();

    DynamoDbStreamSource(DynamoDbStreamsClient streams, String streamArn, String region, boolean fromTrimHorizon) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.reader = new DynamoDbStreamReader(streams, streamArn, region, fromTrimHorizon);
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<StreamRecord> poll() {
        List<DynamodbEvent.DynamodbStreamRecord> read = reader.poll();
        if (read.isEmpty()) {
            return List.of();
        }
        List<StreamRecord> records = new ArrayList<>(read.size());
        for (JsonNode json : recordsJson(read)) {
            String sequenceNumber = json.path("dynamodb").path("SequenceNumber").asText();
            records.add(new StreamRecord(shardOf(sequenceNumber), sequenceNumber, (ObjectNode) json));
        }
        return records;
    }

    /** Written back by Lambda's serializer: the records' JSON exactly as Lambda would put it in the event. */
    private static JsonNode recordsJson(List<DynamodbEvent.DynamodbStreamRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EVENTS.toJson(DynamoDbStreamReader.event(records), out);
        return Json.parse(out.toString(StandardCharsets.UTF_8)).path("Records");
    }

    private String shardOf(String sequenceNumber) {
        BigInteger position = new BigInteger(sequenceNumber);
        String shard = find(position);
        if (shard == null) {
            shards = describeShards();
            shard = find(position);
        }
        if (shard == null) {
            throw new IllegalStateException("Stream " + streamArn + " has no shard holding sequence number " + sequenceNumber);
        }
        return shard;
    }

    /** The shard whose range holds the position; of several, the one that started last. */
    private String find(BigInteger position) {
        ShardRange best = null;
        for (ShardRange shard : shards) {
            if (shard.holds(position) && (best == null || shard.start().compareTo(best.start()) > 0)) {
                best = shard;
            }
        }
        return best == null ? null : best.shardId();
    }

    private List<ShardRange> describeShards() {
        List<ShardRange> ranges = new ArrayList<>();
        String after = null;
        do {
            String from = after;
            StreamDescription description = streams.describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(from)).streamDescription();
            for (Shard shard : description.shards()) {
                String end = shard.sequenceNumberRange().endingSequenceNumber();
                ranges.add(new ShardRange(shard.shardId(), new BigInteger(shard.sequenceNumberRange().startingSequenceNumber()),
                        end == null ? null : new BigInteger(end)));
            }
            after = description.lastEvaluatedShardId();
        } while (after != null);
        return List.copyOf(ranges);
    }

    /** @param end null while the shard is open */
    private record ShardRange(String shardId, BigInteger start, BigInteger end) {

        boolean holds(BigInteger position) {
            return start.compareTo(position) <= 0 && (end == null || position.compareTo(end) <= 0);
        }
    }
}
