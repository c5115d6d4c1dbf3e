package org.cloudcheckkit.functions.go;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;

/** A Go request made through the real create handler, as other routes' tests start from one. */
record CreatedRequest(String goApiReference, List<String> recipientTokens) {

    static CreatedRequest make(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler create = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        APIGatewayV2HTTPResponse response = InContract.handle(create, SampleEvents.load("go-create.json")
                .header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode body = TestStack.body(response);
        List<String> tokens = new ArrayList<>();
        body.get("recipients").forEach(recipient -> tokens.add(recipient.get("recipientToken").asText()));
        return new CreatedRequest(body.get("goApiReference").asText(), tokens);
    }

    String firstToken() {
        return recipientTokens.get(0);
    }
}
