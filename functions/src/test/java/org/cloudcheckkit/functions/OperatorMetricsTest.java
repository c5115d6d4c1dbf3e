package org.cloudcheckkit.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.functions.callbacks.WebhookReceiptHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.metrics.Measurement;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an operator must see is counted where it happens, in whichever function it happens: refused callbacks,
 * Cloudcheck's errors by code, calls whose outcome is unknown, and the time from a result's final status to its archive
 * (statuses and webhook kinds Cloudcheck adds: {@code UnknownIsKeptTest}).
 */
class OperatorMetricsTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void callbacksWithoutOrWithAWrongTokenAreCountedAsRefused(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        WebhookReceiptHandler receipt = new WebhookReceiptHandler(rig.instance("WebhookReceiptFunction"));

        InContract.handle(receipt,
                SampleEvents.load("webhooks-cloudcheck.json").queryParameter("t", null).event(), context());
        InContract.handle(receipt,
                SampleEvents.load("webhooks-cloudcheck.json").queryParameter("t", "a-guess").event(), context());
        InContract.handle(receipt,
                SampleEvents.load("callbacks-go.json").queryParameter("cid", "c1").queryParameter("t", "forged")
                .event(), context());

        assertEquals(3L, rig.metrics.get(Metric.CALLBACKS_REFUSED.metricName()));
    }

    @Test
    void cloudchecksErrorsAreCountedByTheirCodeAndALostAnswerAsAnUnknownOutcome(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CreateHandler create = new CreateHandler(rig.instance("CreateFunction"));

        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.ERROR_112));
        InContract.handle(create, createEvent(), context());
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.HTTP_500));
        InContract.handle(create, createEvent(), context());

        List<Measurement> errors = rig.measurements.stream()
                .filter(measurement -> measurement.metric() == Metric.CLOUDCHECK_ERRORS).toList();
        assertEquals(List.of("112"), errors.stream().map(Measurement::breakdownValue).toList());
        assertEquals(1L, rig.metrics.get(Metric.OUTCOME_UNKNOWN.metricName()));
    }

    @Test
    void theTimeFromAResultsFinalStatusToItsArchiveIsRecorded(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of("ARCHIVE_RETRY_BASE_SECONDS", "60"));
        JsonNode created = TestStack.body(InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                createEvent(), context()));
        InContract.handle(new SendHandler(rig.instance("SendFunction")), SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", created.get("goApiReference").asText()).event(), context());
        String token = created.get("recipients").get(0).get("recipientToken").asText();
        // The first attempt's PDF fetch fails every one of the client's four tries; the retry is due within a minute.
        sandbox.failNext("/go/pdf/", 4, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();
        assertNull(rig.metrics.get(Metric.TIME_TO_ARCHIVE.metricName()), "not archived at the first attempt");

        CLOCK.advance(Duration.ofMinutes(10));
        rig.reconcile();

        List<Long> times = rig.measurements.stream().filter(measurement -> measurement.metric() == Metric.TIME_TO_ARCHIVE)
                .map(Measurement::value).toList();
        assertEquals(List.of(Duration.ofMinutes(10).toMillis()), times, "one archive, ten minutes after its final status");
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent createEvent() {
        return SampleEvents.load("go-create.json").header("idempotency-key", UUID.randomUUID().toString()).event();
    }

    private static FunctionContext context() {
        return new FunctionContext("test");
    }
}
