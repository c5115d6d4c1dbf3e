package org.cloudcheckkit.functions.cardverification;

import static org.cloudcheckkit.functions.cardverification.Replies.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.localaws.AwsEmulator;
import org.cloudcheckkit.localaws.EmulatorOptions;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.StackDeployer;
import org.cloudcheckkit.localaws.StackOptions;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.junit.jupiter.api.Test;

/**
 * SERVER_UNAVAILABLE from a real outage: a moto_server of this test's own, with the template deployed, is stopped
 * under a working handler. A warm handler (secret cached) then fails on DynamoDB, a cold one on Secrets Manager.
 */
class InitiateVerificationOutageTest {
    @Test
    void withTheEmulatorStoppedTheAnswerIsServerUnavailable() {
        InitiateVerificationHandler warm;
        Map<String, String> environment;
        String controlKey;
        try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
             LocalAws aws = StackDeployer.deploy(emulator, StackTemplate.read(TemplateLocation.find(Optional.empty(), Path.of(""))),
                     StackOptions.defaults(Map.of()))) {
            environment = InitiateVerificationHandlerTest.environment(aws, Map.of());
            controlKey = aws.secretFields("ConnectingPartySecretId").get("controlKey");
            warm = new InitiateVerificationHandler(Components.fromEnvironment(environment));
            assertEquals(200, InContract.handle(warm,
                    CardVerificationEvents.load(CardVerificationEvents.INITIATE), null).getStatusCode());
        }

        Replies.Logged<APIGatewayV2HTTPResponse> dynamoDbDown = Replies.logged(
                () -> InContract.handle(warm, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null));
        JsonNode error = assertError(dynamoDbDown.result(), 503, "SERVER_UNAVAILABLE", "DEPENDENCY_UNAVAILABLE");
        assertEquals("5", dynamoDbDown.result().getHeaders().get("Retry-After"));
        assertTrue(dynamoDbDown.log().contains("DynamoDB is unavailable"), dynamoDbDown.log());
        assertTrue(error.get("message").asText().contains("try again"));

        InitiateVerificationHandler cold = new InitiateVerificationHandler(Components.fromEnvironment(environment));
        Replies.Logged<APIGatewayV2HTTPResponse> secretsDown = Replies.logged(
                () -> InContract.handle(cold, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null));
        assertError(secretsDown.result(), 503, "SERVER_UNAVAILABLE", "DEPENDENCY_UNAVAILABLE");
        assertTrue(secretsDown.log().contains("Secrets Manager is unavailable"), secretsDown.log());

        InitiateVerificationHandlerTest.assertSecretsNotIn(dynamoDbDown.log() + secretsDown.log(), controlKey,
                "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux");
    }
}
