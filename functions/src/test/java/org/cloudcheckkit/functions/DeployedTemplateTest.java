package org.cloudcheckkit.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.cloudcheckkit.metrics.EmbeddedMetrics;
import org.cloudcheckkit.metrics.Metric;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `sam deploy` hands CloudFormation - template.yaml transformed by aws-sam-translator, as SAM does it
 * (src/test/resources/sam-translate.py) - checked for what a first deploy and an operator need: log groups the stack
 * makes before anything logs, JSON logs with a retention, alarms that reach someone, and a dashboard of the same figures.
 */
class DeployedTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode resources;
    private static JsonNode outputs;

    @BeforeAll
    static void transform() throws IOException, InterruptedException {
        Path template = TemplateLocation.find(Optional.empty(), Path.of(""));
        Path script = Path.of("src/test/resources/sam-translate.py").toAbsolutePath();
        Process process = new ProcessBuilder("python3", script.toString(), template.toString()).start();
        byte[] out = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "sam-translate.py failed:\n" + errors);
        JsonNode cloudFormation = JSON.readTree(out);
        resources = cloudFormation.get("Resources");
        outputs = cloudFormation.get("Outputs");
    }

    @Test
    void everyMetricFilterWatchesALogGroupThisStackCreates() {
        for (Map.Entry<String, JsonNode> filter : ofType("AWS::Logs::MetricFilter").entrySet()) {
            String group = ref(filter.getValue().get("Properties").get("LogGroupName"));
            assertEquals("AWS::Logs::LogGroup", type(group), filter.getKey() + " watches " + group);
        }
    }

    @Test
    void everyFunctionLogsJsonAtTheChosenLevelToALogGroupTheStackMakesWithARetention() {
        Map<String, JsonNode> functions = ofType("AWS::Lambda::Function");
        assertEquals(12, functions.size(), functions.keySet().toString());
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            JsonNode logging = function.getValue().get("Properties").get("LoggingConfig");
            String where = function.getKey() + " " + logging;
            assertEquals("JSON", logging.path("LogFormat").asText(), where);
            assertEquals("ApplicationLogLevel", ref(logging.get("ApplicationLogLevel")), where);
            String group = ref(logging.get("LogGroup"));
            assertEquals("AWS::Logs::LogGroup", type(group), where);
            assertEquals("LogRetentionDays", ref(resources.get(group).get("Properties").get("RetentionInDays")), where);
        }
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicWhichTheAlarmEmailIsSubscribedToWhenGiven() {
        Map<String, JsonNode> alarms = ofType("AWS::CloudWatch::Alarm");
        assertFalse(alarms.isEmpty());
        for (Map.Entry<String, JsonNode> alarm : alarms.entrySet()) {
            JsonNode actions = alarm.getValue().get("Properties").get("AlarmActions");
            assertTrue(actions != null && refs(actions).contains("AlarmTopic"), alarm.getKey() + " notifies nobody: " + actions);
        }
        assertEquals("AWS::SNS::Topic", type("AlarmTopic"));
        JsonNode subscription = ofType("AWS::SNS::Subscription").values().iterator().next();
        assertEquals("HasAlarmEmail", subscription.get("Condition").asText());
        assertEquals("AlarmTopic", ref(subscription.get("Properties").get("TopicArn")));
        assertEquals("AlarmEmail", ref(subscription.get("Properties").get("Endpoint")));
    }

    @Test
    void everyFunctionHasAnAlarmOnItsErrorsAndOneOnItsThrottles() {
        for (String function : ofType("AWS::Lambda::Function").keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                assertTrue(alarmed("AWS/Lambda", metric).contains(Map.of("FunctionName", function)),
                        function + " has no " + metric + " alarm");
            }
        }
    }

    @Test
    void theStreamsIteratorAgeTheDeadLetterQueueApi5xxArchiveFailuresAndStaleIntentsHaveAlarms() {
        assertTrue(alarmed("AWS/Lambda", "IteratorAge").contains(Map.of("FunctionName", "ArchiveFunction")));
        assertTrue(alarmed("AWS/SQS", "ApproximateNumberOfMessagesVisible").contains(Map.of("QueueName", "DeadLetterQueue")));
        assertTrue(alarmed("AWS/ApiGateway", "5xx").contains(Map.of("ApiId", "HttpApi")));
        assertTrue(alarmed(EmbeddedMetrics.NAMESPACE, Metric.ARCHIVE_FAILED.metricName()).contains(Map.of("stack", "AWS::StackName")));
        assertTrue(alarmed(EmbeddedMetrics.NAMESPACE, Metric.STALE_INTENTS.metricName()).contains(Map.of("stack", "AWS::StackName")));
    }

    @Test
    void theFunctionsOwnMetricsThatAlarmsWatchAreOnesTheCodeEmitsUnderThisStacksName() {
        Set<String> emitted = Arrays.stream(Metric.values()).map(Metric::metricName).collect(Collectors.toSet());
        for (JsonNode alarm : ofType("AWS::CloudWatch::Alarm").values()) {
            JsonNode properties = alarm.get("Properties");
            if (properties.get("Namespace").asText().equals(EmbeddedMetrics.NAMESPACE)) {
                assertTrue(emitted.contains(properties.get("MetricName").asText()), properties.toString());
            }
        }
        for (JsonNode function : ofType("AWS::Lambda::Function").values()) {
            assertEquals("AWS::StackName", ref(function.get("Properties").get("Environment").get("Variables").get("STACK_NAME")));
        }
    }

    @Test
    void theDashboardShowsEveryFigureAnAlarmWatches() throws IOException {
        JsonNode dashboard = ofType("AWS::CloudWatch::Dashboard").values().iterator().next();
        String body = dashboard.get("Properties").get("DashboardBody").get("Fn::Sub").asText();
        JsonNode widgets = JSON.readTree(body.replaceAll("\\$\\{([A-Za-z:.]+)}", "$1")).get("widgets");
        List<String> shown = new ArrayList<>();
        widgets.forEach(widget -> widget.get("properties").get("metrics").forEach(line -> shown.add(line.toString())));
        for (JsonNode alarm : ofType("AWS::CloudWatch::Alarm").values()) {
            JsonNode properties = alarm.get("Properties");
            String namespace = properties.get("Namespace").asText();
            String metric = properties.get("MetricName").asText();
            String dimension = ref(properties.get("Dimensions").get(0).get("Value"));
            String figure = "[\"" + namespace + "\",\"" + metric + "\",\"" + properties.get("Dimensions").get(0).get("Name").asText()
                    + "\",\"" + dimension;
            assertTrue(shown.stream().anyMatch(line -> line.startsWith(figure)), "the dashboard lacks " + figure);
        }
    }

    @Test
    void theArchiveLocksEveryObjectForTheRetentionPeriodAndItsLifecycleDeletesNothingSooner() {
        JsonNode bucket = resources.get("ArchiveBucket").get("Properties");
        JsonNode lock = bucket.get("ObjectLockConfiguration").get("Fn::If");
        assertEquals("ArchiveLocked", lock.get(0).asText());
        JsonNode retention = lock.get(1).get("Rule").get("DefaultRetention");
        assertEquals("ArchiveObjectLock", ref(retention.get("Mode")));
        assertEquals("ArchiveRetentionDays", ref(retention.get("Days")));
        assertEquals("ArchiveLocked", bucket.get("ObjectLockEnabled").get("Fn::If").get(0).asText());
        int expiring = 0;
        for (JsonNode rule : bucket.get("LifecycleConfiguration").get("Rules")) {
            for (JsonNode days : List.of(rule.path("ExpirationInDays"), rule.path("NoncurrentVersionExpiration").path("NoncurrentDays"))) {
                if (!days.isMissingNode()) {
                    assertEquals("ArchiveRetentionDays", ref(days), rule.toString());
                    expiring++;
                }
            }
        }
        assertEquals(2, expiring);
    }

    @Test
    void theStackMakesTheCallbackKeyAndTheWebhookTokenAndOnlyTheReceiptFunctionMayReadTheToken() {
        for (String secret : List.of("CallbackKeySecret", "WebhookTokenSecret")) {
            JsonNode generated = resources.get(secret).get("Properties").get("GenerateSecretString");
            assertTrue(generated.get("PasswordLength").asInt() >= 32, secret + " " + generated);
            assertTrue(generated.get("ExcludePunctuation").asBoolean(), "the webhook token goes into a URL: " + generated);
        }
        for (JsonNode function : ofType("AWS::Lambda::Function").values()) {
            assertEquals("CallbackKeySecret", ref(function.get("Properties").get("Environment").get("Variables")
                    .get("CALLBACK_SECRET_ID")));
        }
        List<String> readers = ofType("AWS::IAM::Role").entrySet().stream()
                .filter(role -> role.getValue().get("Properties").get("Policies").toString()
                        .contains("{\"Ref\":\"WebhookTokenSecret\"}"))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of("WebhookReceiptFunctionRole"), readers);
    }

    @Test
    void aBrowserMayReadRetryAfterFromTheApisAnswers() {
        JsonNode api = ofType("AWS::ApiGatewayV2::Api").values().iterator().next();
        JsonNode cors = api.get("Properties").get("Body").get("x-amazon-apigateway-cors");
        assertTrue(refs(cors.get("exposeHeaders")).contains("retry-after"), cors.toString());
    }

    @Test
    void theOutputsGiveTheApiUrlTheAccountWebhookUrlAndItsTokensSecretTheDashboardAndTheAlarmTopic() {
        for (String output : List.of("ApiUrl", "AccountWebhookUrl", "WebhookTokenSecret", "DashboardUrl", "AlarmTopic")) {
            assertTrue(outputs.has(output), "no output " + output + " in " + outputs.fieldNames());
        }
        assertTrue(outputs.get("AccountWebhookUrl").get("Value").get("Fn::Sub").asText().endsWith("/webhooks/cloudcheck"));
    }

    /** Dimensions of every alarm on {@code namespace}/{@code metric}, each value the logical id it refers to. */
    private static List<Map<String, String>> alarmed(String namespace, String metric) {
        List<Map<String, String>> alarmed = new ArrayList<>();
        for (JsonNode alarm : ofType("AWS::CloudWatch::Alarm").values()) {
            JsonNode properties = alarm.get("Properties");
            if (properties.get("Namespace").asText().equals(namespace) && properties.get("MetricName").asText().equals(metric)) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                properties.get("Dimensions").forEach(dimension -> dimensions.put(dimension.get("Name").asText(),
                        ref(dimension.get("Value"))));
                alarmed.add(dimensions);
            }
        }
        return alarmed;
    }

    private static Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.fields().forEachRemaining(resource -> {
            if (resource.getValue().get("Type").asText().equals(type)) {
                found.put(resource.getKey(), resource.getValue());
            }
        });
        return found;
    }

    private static String type(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        return resource == null ? "nothing" : resource.get("Type").asText();
    }

    /** The logical id (or parameter) a Ref or Fn::GetAtt names; the text itself for a literal. */
    private static String ref(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.has("Ref")) {
            return value.get("Ref").asText();
        }
        if (value.has("Fn::GetAtt")) {
            return value.get("Fn::GetAtt").get(0).asText();
        }
        return value.asText();
    }

    private static List<String> refs(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(ref(value)));
        return names;
    }
}
