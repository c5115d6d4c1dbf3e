package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.StateAudit;
import org.cloudcheckkit.table.StatusChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every status Cloudcheck reports for a recipient is kept, with its source and time - when the customer was
 * contacted is evidence - even when callbacks come late.
 */
class StatusTrailTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void callbacksThatArriveAfterTheRecipientMovedOnStillJoinTheTrailBesideWhatWasFetched(LocalAws aws,
                                                                                        CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        ItemKey.Recipient recipient = rig.sentRecipient();
        sandbox.setRecipientStatus(recipient.recipientToken(), RecipientStatus.DELIVERED);
        sandbox.setRecipientStatus(recipient.recipientToken(), RecipientStatus.CLICKED);

        rig.relayCallbacks();
        rig.deliverStream();

        List<StatusChange> trail = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), recipient).history();
        List<String> reported = trail.stream().filter(change -> change.source().equals("go-callback"))
                .map(StatusChange::status).toList();
        assertTrue(reported.containsAll(List.of("Sent", "Delivered", "Clicked")),
                "every status a callback reported is kept, in whatever order: " + trail);
        assertTrue(trail.stream().anyMatch(change -> change.source().equals("fetch") && change.status().equals("Clicked")),
                "and the status fetched from Cloudcheck: " + trail);
        assertTrue(trail.stream().allMatch(change -> Instant.parse(change.at()) != null));
        assertEquals("Clicked", StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), recipient).status());
    }
}
