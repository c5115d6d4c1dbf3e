package org.cloudcheckkit.functions.akahu;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.UUID;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With an account that has no Akahu, Cloudcheck answers 108: that is a 403, and the session is not kept. */
class AkahuPermissionTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void error108Is403(LocalAws aws, CloudcheckSandbox sandbox) {
        AkahuInitiateHandler initiate = new AkahuInitiateHandler(TestStack.components(aws, sandbox, "AkahuInitiateFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(initiate, SampleEvents.load("akahu-initiate.json")
                .header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));

        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals("CLOUDCHECK_PERMISSION_DENIED", body(response).get("error").get("code").asText());
        assertEquals(0, aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .filter(item -> item.containsKey("akahuToken")).count());
    }
}
