package org.cloudcheckkit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines CloudWatch reads as metrics (embedded metric format): one per measurement, per function and per stack. */
class EmbeddedMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_795_338_000_000L), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EmbeddedMetrics metrics = new EmbeddedMetrics(new PrintStream(out, true, StandardCharsets.UTF_8), CLOCK,
            "prod-ArchiveFunction-AbC123", "prod");

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aCountIsOneLineWithAMetricPerFunctionAndATotalPerStack() throws Exception {
        metrics.count(Metric.ARCHIVE_FAILED, 1);

        JsonNode line = lines().get(0);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(1_795_338_000_000L, line.get("_aws").get("Timestamp").asLong());
        assertEquals("CloudcheckServerless", directive.get("Namespace").asText());
        assertEquals("[[\"function\"],[\"stack\"]]", directive.get("Dimensions").toString());
        assertEquals("[{\"Name\":\"ArchiveFailed\",\"Unit\":\"Count\"}]", directive.get("Metrics").toString());
        assertEquals("prod-ArchiveFunction-AbC123", line.get("function").asText());
        assertEquals("prod", line.get("stack").asText());
        assertEquals(1, line.get("ArchiveFailed").asInt());
    }

    @Test
    void cloudchecksErrorsAreAlsoKeptPerCodeAndACodeThatIsNoIdentifierCountsAsOther() throws Exception {
        metrics.countBy(Metric.CLOUDCHECK_ERRORS, "101");
        metrics.countBy(Metric.CLOUDCHECK_ERRORS, "a \"made-up\" code");

        List<JsonNode> lines = lines();
        assertEquals("[[\"function\"],[\"stack\"],[\"stack\",\"code\"]]",
                lines.get(0).get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
        assertEquals("101", lines.get(0).get("code").asText());
        assertEquals("other", lines.get(1).get("code").asText());
    }

    @Test
    void aTimeIsInMilliseconds() throws Exception {
        metrics.time(Metric.TIME_TO_ARCHIVE, Duration.ofSeconds(90));

        JsonNode line = lines().get(0);
        assertEquals("Milliseconds", line.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit").asText());
        assertEquals(90_000, line.get("TimeToArchive").asLong());
    }
}
