package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.cloudcheckkit.localaws.AwsEmulator;
import org.cloudcheckkit.localaws.EmulatorOptions;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS_ENDPOINT_URL and CLOUDCHECK_BASE_URL: a stack given an emulator and a Cloudcheck that run already uses them,
 * starts neither, leaves both running, and signs with the credentials the environment gives. It has an emulator of
 * its own: the template's secret names are not per stack, so two stacks must not share one.
 */
class ExternalServicesIT {

    @Test
    void aStackGivenAnEmulatorAndACloudcheckUsesThemAndLeavesThemRunning() {
        try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withMotoCommand(OutsideServices.motoCommand()));
             CloudcheckSandbox otherCloudcheck = CloudcheckSandbox.start()) {
            Map<String, String> environment = Map.of(
                    "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                    "CLOUDCHECK_BASE_URL", otherCloudcheck.baseUrl(),
                    "CLOUDCHECK_API_KEY", SandboxConfig.DEFAULT_KEY,
                    "CLOUDCHECK_API_SECRET", SandboxConfig.DEFAULT_SECRET);
            try (LocalStack stack = LocalStack.start(LocalStackSettings.onFreePorts(environment))) {
                FrontEnd frontEnd = new FrontEnd(stack);

                assertFalse(stack.startedEmulator());
                assertEquals(emulator.endpoint(), stack.aws().endpoint());
                assertTrue(stack.sandbox().isEmpty(), "no sandbox of its own");
                json(frontEnd.post("/go/requests", sampleBody("go-create.json")), 201);
                assertEquals(1, otherCloudcheck.successfulCalls("/go/create/"), "the create went to CLOUDCHECK_BASE_URL");
                JsonNode refused = json(frontEnd.post("/akahu/sessions", sampleBody("akahu-initiate.json")), 403);
                assertEquals("CLOUDCHECK_PERMISSION_DENIED", refused.path("error").path("code").asText(),
                        "signed with CLOUDCHECK_API_KEY, which has no Akahu: " + refused);
            }

            try (DynamoDbClient dynamoDb = emulator.newDynamoDbClient()) {
                assertFalse(dynamoDb.listTables().tableNames().isEmpty(), "the given emulator still runs, with the stack's table");
            }
        }
    }
}
