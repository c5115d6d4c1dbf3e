package org.cloudcheckkit.localaws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream from the emulator as Lambda's event source mapping would: every shard, in order, from where
 * the last read stopped. Records come back as {@link DynamodbEvent.DynamodbStreamRecord}s built from the same JSON
 * Lambda delivers and read with Lambda's own serializer, so a handler sees what it would see in AWS.
 */
public final class DynamoDbStreamReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<DynamodbEvent> EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamoDbStreamReader.class.getClassLoader());

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String region;
    /**
     * The last sequence number read from each open shard (absent: none yet, read from the shard's start); a closed
     * shard is dropped once read to its end. Each poll reads from here with a fresh iterator rather than the last
     * page's: moto rolls a cancelled transaction back by putting a copy of the table, stream and all, in its place,
     * and an iterator into the old stream would read nothing more.
     */
    private final Map<String, String> lastRead = new HashMap<>();
    private final Set<String> open = new LinkedHashSet<>();
    private final Set<String> finished = new HashSet<>();

    /** @param fromStart true to read what the stream already holds (TRIM_HORIZON), false for new records only (LATEST) */
    public DynamoDbStreamReader(DynamoDbStreamsClient streams, String streamArn, String region, boolean fromStart) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.region = region;
        discoverShards();
        if (!fromStart) {
            // LATEST as a position that outlives a rollback: the last record the stream holds now.
            for (String shardId : open) {
                readShard(shardId);
            }
        }
    }

    /** Records added since the last call, oldest first within each shard. */
    public synchronized List<DynamodbEvent.DynamodbStreamRecord> poll() {
        discoverShards();
        List<Record> records = new ArrayList<>();
        for (String shardId : new ArrayList<>(open)) {
            records.addAll(readShard(shardId));
        }
        return records.isEmpty() ? List.of() : toLambda(records);
    }

    /** Everything after the last record read from the shard, to its end for now; closes the shard at its real end. */
    private List<Record> readShard(String shardId) {
        String after = lastRead.get(shardId);
        String iterator = streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(after == null ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .sequenceNumber(after)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String from = iterator;
            GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(from).limit(1000));
            records.addAll(page.records());
            iterator = page.nextShardIterator();
            if (page.records().isEmpty()) {
                break;
            }
            lastRead.put(shardId, page.records().get(page.records().size() - 1).dynamodb().sequenceNumber());
        }
        if (iterator == null) {
            open.remove(shardId);
            finished.add(shardId);
        }
        return records;
    }

    /** The Lambda event holding these records, as a handler receives it. */
    public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    private void discoverShards() {
        for (Shard shard : streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards()) {
            if (!finished.contains(shard.shardId())) {
                open.add(shard.shardId());
            }
        }
    }

    private List<DynamodbEvent.DynamodbStreamRecord> toLambda(List<Record> records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("Records");
        for (Record record : records) {
            ObjectNode json = array.addObject();
            json.put("eventID", record.eventID());
            json.put("eventName", record.eventNameAsString());
            json.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
            json.put("eventSource", "aws:dynamodb");
            json.put("awsRegion", record.awsRegion() == null ? region : record.awsRegion());
            json.put("eventSourceARN", streamArn);
            StreamRecord change = record.dynamodb();
            ObjectNode dynamodb = json.putObject("dynamodb");
            if (change.approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
            }
            putImage(dynamodb, "Keys", change.keys());
            putImage(dynamodb, "NewImage", change.newImage());
            putImage(dynamodb, "OldImage", change.oldImage());
            dynamodb.put("SequenceNumber", change.sequenceNumber());
            if (change.sizeBytes() != null) {
                dynamodb.put("SizeBytes", change.sizeBytes());
            }
            dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        }
        return EVENTS.fromJson(root.toString()).getRecords();
    }

    private static void putImage(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return;
        }
        ObjectNode node = parent.putObject(name);
        image.forEach((attribute, value) -> node.set(attribute, attributeJson(value)));
    }

    private static ObjectNode attributeJson(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.s() != null) {
            node.put("S", value.s());
        } else if (value.n() != null) {
            node.put("N", value.n());
        } else if (value.b() != null) {
            node.put("B", base64(value.b()));
        } else if (value.bool() != null) {
            node.put("BOOL", value.bool());
        } else if (Boolean.TRUE.equals(value.nul())) {
            node.put("NULL", true);
        } else if (value.hasSs()) {
            value.ss().forEach(node.putArray("SS")::add);
        } else if (value.hasNs()) {
            value.ns().forEach(node.putArray("NS")::add);
        } else if (value.hasBs()) {
            ArrayNode array = node.putArray("BS");
            value.bs().forEach(bytes -> array.add(base64(bytes)));
        } else if (value.hasM()) {
            ObjectNode map = node.putObject("M");
            value.m().forEach((key, item) -> map.set(key, attributeJson(item)));
        } else if (value.hasL()) {
            ArrayNode list = node.putArray("L");
            value.l().forEach(item -> list.add(attributeJson(item)));
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
