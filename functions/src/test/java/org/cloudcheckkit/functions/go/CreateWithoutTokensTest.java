package org.cloudcheckkit.functions.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.table.GoRequestItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 000 promises only the goApiReference in a create's answer: the recipients' tokens are read from /go/results/
 * when the answer lacks them, and when that read fails too the request is kept and its recipients adopted later.
 */
class CreateWithoutTokensTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void theTokensAnAnswerLacksAreReadFromTheRequestsListAndKept(LocalAws aws, CloudcheckSandbox sandbox) {
        sandbox.variants(Set.of(WireVariant.CREATE_WITHOUT_TOKENS));
        StackRig rig = new StackRig(aws, sandbox, CLOCK);

        APIGatewayV2HTTPResponse created = InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                SampleEvents.load("go-create.json").event(), new FunctionContext("test"));

        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode recipient = TestStack.body(created).get("recipients").get(0);
        String token = recipient.get("recipientToken").asText();
        assertEquals(sandbox.recipient(token).reference(), recipient.get("reference").asText());
        assertTrue(roster(rig, TestStack.body(created).get("goApiReference").asText()).roster().containsKey(token));
    }

    @Test
    void whenTheListCannotBeReadEitherTheRequestIsKeptAndTheReconcilerAdoptsItsRecipients(LocalAws aws,
                                                                                         CloudcheckSandbox sandbox) {
        sandbox.variants(Set.of(WireVariant.CREATE_WITHOUT_TOKENS));
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        sandbox.failNext("/go/results/", 4, ApiFault.of(ApiFault.Kind.HTTP_500));

        APIGatewayV2HTTPResponse created = InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                SampleEvents.load("go-create.json").event(), new FunctionContext("test"));
        String goApiReference = TestStack.body(created).get("goApiReference").asText();

        assertEquals(201, created.getStatusCode(), created.getBody());
        assertTrue(roster(rig, goApiReference).roster().isEmpty(), "no token known yet");
        assertEquals(4, sandbox.receivedCalls("/go/results/"), "every attempt the client makes failed");
        rig.reconcile();
        assertEquals(1, roster(rig, goApiReference).roster().size(), "adopted from Cloudcheck's list");
    }

    private static GoRequestItem roster(StackRig rig, String goApiReference) {
        return rig.instance("ResultsFunction").goRequestTable().find(goApiReference).orElseThrow();
    }
}
