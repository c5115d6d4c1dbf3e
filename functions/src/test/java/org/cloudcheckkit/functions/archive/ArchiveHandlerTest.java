package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The archive function reads the stream event Lambda delivers and answers the partial-batch failure Lambda reads. */
class ArchiveHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void readsTheSampleStreamEventsNameSequenceNumberAndNewImage() throws Exception {
        List<StreamRecords.StreamRecord> records;
        try (InputStream event = Files.newInputStream(SampleEvents.eventsDirectory().resolve("archive-stream-insert.json"))) {
            records = StreamRecords.read(event);
        }
        assertEquals(1, records.size());
        StreamRecords.StreamRecord record = records.get(0);
        assertEquals("INSERT", record.eventName());
        assertEquals("111", record.sequenceNumber());
        assertEquals("c81e728d9d4c2f636f067f89cc14862c", record.eventId());
        assertEquals("EVENT#REPLACE-recipientToken#Responded", record.newImage().get("sk"));
        assertEquals("GO_CALLBACK", record.newImage().get("kind"));
        assertEquals("Responded", record.newImage().get("hint"));
    }

    @Test
    void aRecordWithoutNewImageHasNone() throws Exception {
        String event = "{\"Records\":[{\"eventID\":\"1\",\"eventName\":\"REMOVE\",\"dynamodb\":{\"SequenceNumber\":\"5\","
                + "\"Keys\":{\"pk\":{\"S\":\"GO#x\"}}}}]}";
        StreamRecords.StreamRecord record = StreamRecords.read(stream(event)).get(0);
        assertEquals("REMOVE", record.eventName());
        assertNull(record.newImage());
    }

    @Test
    void aPayloadThatIsNotAStreamEventFailsTheInvocationNamingWhatIsWrong() {
        IllegalArgumentException notAList = assertThrows(IllegalArgumentException.class,
                () -> StreamRecords.read(stream("{\"Records\": \"not a list\"}")));
        assertEquals("not a DynamoDB stream event: Records must be a list", notAList.getMessage());
        IllegalArgumentException noSequence = assertThrows(IllegalArgumentException.class,
                () -> StreamRecords.read(stream("{\"Records\": [{\"eventName\": \"INSERT\", \"dynamodb\": {}}]}")));
        assertEquals("not a DynamoDB stream record: dynamodb.SequenceNumber is required", noSequence.getMessage());
    }

    @Test
    void recordsThatAreNotNewEventsAreSkippedAndTheBatchSucceeds(LocalAws aws, CloudcheckSandbox sandbox) throws Exception {
        ArchiveHandler handler = new ArchiveHandler(TestStack.components(aws, sandbox, "ArchiveFunction"));
        String event = "{\"Records\":["
                + "{\"eventID\":\"1\",\"eventName\":\"MODIFY\",\"dynamodb\":{\"SequenceNumber\":\"5\",\"NewImage\":"
                + "{\"pk\":{\"S\":\"GO#x\"},\"sk\":{\"S\":\"EVENT#t#Responded\"}}}},"
                + "{\"eventID\":\"2\",\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"6\",\"NewImage\":"
                + "{\"pk\":{\"S\":\"GO#x\"},\"sk\":{\"S\":\"REQUEST\"}}}}]}";
        assertEquals("{\"batchItemFailures\":[]}", invoke(handler, event));
    }

    @Test
    void aRecordThatCannotBeProcessedIsTheFailureLambdaRetriesTheBatchFrom(LocalAws aws, CloudcheckSandbox sandbox)
            throws Exception {
        // DynamoDB unreachable: the one failure the processor cannot turn into a scheduled retry of its own.
        ArchiveHandler handler = new ArchiveHandler(TestStack.components(aws, sandbox, "ArchiveFunction",
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9")));
        String event = "{\"Records\":["
                + "{\"eventID\":\"1\",\"eventName\":\"MODIFY\",\"dynamodb\":{\"SequenceNumber\":\"5\",\"NewImage\":"
                + "{\"pk\":{\"S\":\"GO#x\"},\"sk\":{\"S\":\"EVENT#t#Responded\"}}}},"
                + "{\"eventID\":\"2\",\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"6\",\"NewImage\":"
                + "{\"pk\":{\"S\":\"GO#x\"},\"sk\":{\"S\":\"EVENT#t#Responded\"},\"kind\":{\"S\":\"GO_CALLBACK\"},"
                + "\"goApiReference\":{\"S\":\"x\"},\"recipientToken\":{\"S\":\"t\"},\"hint\":{\"S\":\"Responded\"}}}},"
                + "{\"eventID\":\"3\",\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"7\",\"NewImage\":"
                + "{\"pk\":{\"S\":\"GO#y\"},\"sk\":{\"S\":\"EVENT#u#Responded\"}}}}]}";
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"6\"}]}", invoke(handler, event));
    }

    private static String invoke(ArchiveHandler handler, String event) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(stream(event), answer, new FunctionContext("test"));
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
