package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who fetched which evidence, when: every front-end call is recorded with its principal, refusals too. */
class AuditTrailTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void eachDownloadLinkAndEachRefusalIsRecordedWithWhoAskedAndWhen(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        JsonNode created = TestStack.body(InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                SampleEvents.load("go-create.json").principal("user-a").event(), new FunctionContext("test")));
        String token = created.get("recipients").get(0).get("recipientToken").asText();
        InContract.handle(new SendHandler(rig.instance("SendFunction")),
                SampleEvents.load("go-send.json").principal("user-a")
                .pathParameter("goApiReference", created.get("goApiReference").asText()).event(), new FunctionContext("test"));
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();

        for (String principal : List.of("user-a", "user-b")) {
            InContract.handle(new DownloadsHandler(rig.instance("DownloadsFunction")),
                    SampleEvents.load("go-recipient-pdf.json")
                    .principal(principal).pathParameter("recipientToken", token).event(), new FunctionContext("test"));
        }

        List<Item> downloads = StateAudit.items(aws.dynamoDb(), aws.physicalName("Table")).stream()
                .filter(item -> item.itemKey() instanceof ItemKey.Audit)
                .filter(item -> "GET /go/recipients/{recipientToken}/pdf".equals(item.string("route"))).toList();
        assertEquals(2, downloads.size(), downloads.toString());
        Map<String, String> statusBySubject = Map.of(downloads.get(0).string("owner"), downloads.get(0).string("status"),
                downloads.get(1).string("owner"), downloads.get(1).string("status"));
        assertEquals(Map.of("user-a", "200", "user-b", "404"), statusBySubject, "the link issued, and the refusal");
        assertTrue(downloads.get(0).string("parameters").contains(token), "which evidence was asked for");
        assertTrue(downloads.get(0).itemKey().pk().endsWith(CLOCK.instant().toString().substring(0, 10)), "the day");
        assertEquals(CLOCK.instant().toString(), downloads.get(0).string("at"));
    }
}
