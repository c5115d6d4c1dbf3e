package org.cloudcheckkit.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Priming runs what an invocation runs, writes nothing, and never stops a snapshot, even with its table gone. */
class SnapStartPrimingTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    @Test
    void primingReadsButWritesNothing(LocalAws aws) {
        Components components = Components.fromEnvironment(aws.functionEnvironment("ResultsFunction", Map.of()));
        components.goRequests();
        int before = aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).count();

        String log = captured(() -> SnapStartPriming.primeNow(components));

        assertEquals(before, aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).count());
        assertEquals(true, log.contains("primed for SnapStart"), log);
        assertEquals(false, log.contains("priming dynamodb did not complete"), log);
    }

    @Test
    void primingValidatesAGoRequestInEitherRegion(LocalAws aws) {
        for (String region : new String[] {"NZ", "AU"}) {
            Map<String, String> environment = new HashMap<>(aws.functionEnvironment("CreateFunction", Map.of()));
            environment.put("CLOUDCHECK_REGION", region);
            Components components = Components.fromEnvironment(environment);

            String log = captured(() -> SnapStartPriming.primeNow(components));

            assertEquals(false, log.contains("priming json did not complete"), region + ": " + log);
        }
    }

    @Test
    void primingsInMemoryFunctionSharesTheFunctionsObjectMapperSoTheSerializersItBuildsAreTheFirstRequests(LocalAws aws) {
        Components components = Components.fromEnvironment(aws.functionEnvironment("CreateFunction", Map.of()));

        Components inMemory = components.inMemory(new InMemoryAws(), new InMemoryCloudcheck(), System.out);

        assertSame(components.json(), inMemory.json());
    }

    @Test
    void aFailingStepIsLoggedAndTheRestStillRuns(LocalAws aws) {
        Map<String, String> environment = new HashMap<>(aws.functionEnvironment("ArchiveFunction", Map.of()));
        environment.put("TABLE_NAME", "no-such-table");
        Components components = Components.fromEnvironment(environment);
        components.dynamoDb();
        components.archiveStore();

        String log = captured(() -> assertDoesNotThrow(() -> SnapStartPriming.primeNow(components)));

        assertEquals(true, log.contains("priming dynamodb did not complete"), log);
        assertEquals(false, log.contains("priming s3 did not complete"), log);
    }

    private static String captured(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
