package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI check of ./run itself: it comes up on the ports it is given, serves a create request, and on SIGTERM stops
 * everything it started (moto_server included) and frees its ports; restarted, it keeps what an emulator it was given
 * holds; and the moto_server that a killed ./run leaves behind, the next ./run stops.
 *
 * <p>Its tests run concurrently, with each other and with the other end-to-end tests (local/pom.xml): each starts
 * its own ./run, moto_server and sandbox on free ports, with its own log directory, and spends most of its time
 * waiting on them.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class RunScriptIT {

    @Test
    void runComesUpServesACreateAndStopsEverythingOnSigterm(@TempDir Path directory) throws Exception {
        try (RunProcess run = RunProcess.start(RunProcess.freePorts(), directory.resolve("run.log"))) {
            List<ProcessHandle> started = run.children();
            assertTrue(started.stream().anyMatch(RunScriptIT::isMotoServer), "moto_server runs as a child of the stack: " + started);

            json(run.frontEnd().post("/go/requests", sampleBody("go-create.json")), 201);
            run.stop();

            assertEquals(List.of(), started.stream().filter(ProcessHandle::isAlive).toList(), "left running");
            assertEquals(List.of(), run.takenPorts(), "ports still taken");
            assertTrue(run.output().contains("Stopped."), run.output());
        }
    }

    @Test
    void restartedWithTheEmulatorAndCloudcheckItWasGivenRunKeepsRequestsIdempotencyKeysAndTheCallbackKey(@TempDir Path directory)
            throws Exception {
        try (OutsideServices outside = OutsideServices.start()) {
            CloudcheckSandbox cloudcheck = outside.cloudcheck();
            Map<String, String> settings = outside.givenTo(RunProcess.freePorts());
            String body = sampleBody("go-create.json");
            String goApiReference;
            String recipientToken;
            try (RunProcess first = RunProcess.start(settings, directory.resolve("first.log"))) {
                JsonNode created = json(first.frontEnd().post("/go/requests", body, "restart-key-1"), 201);
                goApiReference = created.path("goApiReference").asText();
                recipientToken = created.path("recipients").get(0).path("recipientToken").asText();
                json(first.frontEnd().post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 200);
                assertTrue(cloudcheck.awaitCallbacks(Duration.ofSeconds(10)), "the send's callbacks reached the first run");
                first.stop();
            }

            try (RunProcess second = RunProcess.start(settings, directory.resolve("second.log"))) {
                FrontEnd frontEnd = second.frontEnd();

                json(frontEnd.get("/go/requests/" + goApiReference), 200);
                JsonNode repeated = json(frontEnd.post("/go/requests", body, "restart-key-1"), 201);
                assertEquals(goApiReference, repeated.path("goApiReference").asText(), "the repeat was answered from the first run");
                assertEquals(1, cloudcheck.successfulCalls("/go/create/"), "one billable /go/create/ in both runs");

                long sequenceBefore = cloudcheck.callbackDeliveries().stream().mapToLong(CallbackDelivery::sequence).max().orElse(0);
                cloudcheck.completeRecipient(recipientToken, VerificationOutcome.PASS);
                assertTrue(cloudcheck.awaitCallbacks(Duration.ofSeconds(10)));
                List<CallbackDelivery> afterRestart = cloudcheck.callbackDeliveries().stream()
                        .filter(delivery -> delivery.sequence() > sequenceBefore && delivery.url().contains(recipientToken)).toList();
                assertFalse(afterRestart.isEmpty(), "the completion was called back");
                assertTrue(afterRestart.stream().allMatch(delivery -> delivery.status() == 200),
                        "callback URLs made by the first run authenticate in the second: " + afterRestart);
            }
        }
    }

    @Test
    void theMotoServerThatAKilledRunLeftIsStoppedByTheNextRunOnItsPort(@TempDir Path directory) throws Exception {
        Map<String, String> settings = RunProcess.freePorts();
        ProcessHandle leftover;
        try (RunProcess killed = RunProcess.start(settings, directory.resolve("killed.log"))) {
            leftover = killed.children().stream().filter(RunScriptIT::isMotoServer).findFirst().orElseThrow();
            killed.kill();
        }
        try {
            assertTrue(leftover.isAlive(), "kill -9 runs no shutdown hook, so moto_server outlives ./run");

            try (RunProcess next = RunProcess.start(settings, directory.resolve("next.log"))) {
                assertFalse(leftover.isAlive());
                assertTrue(next.output().contains("Stopping moto_server (pid " + leftover.pid() + ") left running on port "
                        + settings.get("LOCAL_AWS_PORT")), next.output());
                List<ProcessHandle> started = next.children();
                next.stop();

                assertEquals(List.of(), started.stream().filter(ProcessHandle::isAlive).toList(), "left running");
                assertEquals(List.of(), next.takenPorts(), "ports still taken");
            }
        } finally {
            leftover.destroyForcibly();
        }
    }

    private static boolean isMotoServer(ProcessHandle process) {
        return process.info().commandLine().orElse("").contains("moto_server");
    }
}
