package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.secrets.Redact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recipient's or Akahu session's token reads its result at Cloudcheck: through a whole flow - create, callbacks,
 * a failing PDF and its retries, the archive, an Akahu session - no log line carries one in
 * clear; their short hashes are there to follow.
 */
class TokensNotLoggedTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void noLogLineCarriesARecipientOrSessionToken(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        String recipientToken;
        String akahuToken;
        try {
            JsonNode created = TestStack.body(InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                    SampleEvents.load("go-create.json").event(), new FunctionContext("test")));
            recipientToken = created.get("recipients").get(0).get("recipientToken").asText();
            InContract.handle(new SendHandler(rig.instance("SendFunction")), SampleEvents.load("go-send.json")
                    .pathParameter("goApiReference", created.get("goApiReference").asText()).event(), new FunctionContext("test"));
            sandbox.failNext("/go/pdf/", 4, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));
            sandbox.completeRecipient(recipientToken, VerificationOutcome.PASS);
            akahuToken = TestStack.body(InContract.handle(new AkahuInitiateHandler(rig.instance("AkahuInitiateFunction")),
                    SampleEvents.load("akahu-initiate.json").event(), new FunctionContext("test"))).get("token").asText();
            sandbox.completeAkahu(akahuToken, AkahuStatus.PASS);
            rig.relayCallbacks();
            rig.deliverStream();
            CLOCK.advance(Duration.ofHours(1));
            rig.recover();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertTrue(log.contains(Redact.token(recipientToken)), "the recipient is followed by its hash:\n" + log);
        assertFalse(log.contains(recipientToken), "a recipient token in clear:\n" + log);
        assertFalse(log.contains(akahuToken), "an Akahu token in clear:\n" + log);
    }
}
