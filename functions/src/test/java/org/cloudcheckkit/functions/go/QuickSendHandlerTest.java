package org.cloudcheckkit.functions.go;

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
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /go/quicksend through the real handler. */
class QuickSendHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void messagesOneRecipientAndKeepsItsToken(LocalAws aws, CloudcheckSandbox sandbox) {
        QuickSendHandler handler = new QuickSendHandler(TestStack.components(aws, sandbox, "QuickSendFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-quicksend.json")
                .header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        String goApiReference = body(response).get("goApiReference").asText();
        String token = body(response).get("recipientToken").asText();
        assertEquals(RecipientStatus.DELIVERED, sandbox.recipient(token).status());
        var item = aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table")).key(java.util.Map.of(
                "pk", AttributeValue.fromS("GO#" + goApiReference), "sk", AttributeValue.fromS("REQUEST")))).item();
        assertEquals("quicksend", item.get("source").s());
        assertEquals("cust-0002", item.get("roster").m().get(token).m().get("reference").s());
    }

    @Test
    void withoutAnEmailOrMobileItIs400(LocalAws aws, CloudcheckSandbox sandbox) {
        QuickSendHandler handler = new QuickSendHandler(TestStack.components(aws, sandbox, "QuickSendFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-quicksend.json")
                .header("idempotency-key", UUID.randomUUID().toString())
                .editBody(body -> body.remove("mobileNumber")).event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("REQUIRED_ONE_OF", body(response).get("error").get("problems").get(0).get("rule").asText());
        assertEquals(0, sandbox.calls().size());
    }
}
