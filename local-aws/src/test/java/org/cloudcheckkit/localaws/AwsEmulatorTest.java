package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsEmulatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path temp;

    @Test
    void startsMotoOnAFreePortAndStopsItOnClose() throws Exception {
        URI endpoint;
        try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults())) {
            endpoint = emulator.endpoint();
            assertEquals("127.0.0.1", endpoint.getHost());
            assertEquals(200, get(endpoint.resolve("/moto-api/")));
            List<ProcessHandle> moto = processesListeningOn(endpoint.getPort());
            assertEquals(1, moto.size());
            assertEquals(moto.get(0).pid() + " " + ProcessHandle.current().pid(), Files.readString(MotoServer.pidFile(endpoint.getPort())),
                    "its pid and this JVM's are recorded");
            assertEquals(Region.AP_SOUTHEAST_2, emulator.region());
            assertTrue(emulator.canReset());
        }

        assertEquals(List.of(), processesListeningOn(endpoint.getPort()));
        assertTrue(portIsFree(endpoint.getPort()), "port " + endpoint.getPort() + " is still taken");
        assertFalse(Files.exists(MotoServer.pidFile(endpoint.getPort())));
    }

    @Test
    void motoServerThatAKilledJvmLeftOnThePortIsStoppedByTheNextStartThere() throws Exception {
        int port = freePort();
        Process leftover = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(temp.resolve("leftover.log").toFile()).start();
        try {
            awaitAnswer(URI.create("http://127.0.0.1:" + port + "/moto-api/"));
            Process killedJvm = new ProcessBuilder("true").start();
            killedJvm.waitFor();
            Files.writeString(MotoServer.pidFile(port), leftover.pid() + " " + killedJvm.pid()); // as that JVM wrote it

            try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withPort(port))) {
                assertFalse(leftover.isAlive(), "the leftover moto_server was stopped");
                assertEquals(200, get(emulator.endpoint().resolve("/moto-api/")));
            }
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void motoServerOfARunningJvmIsNeverStoppedByAnotherStartOnItsPort() throws Exception {
        try (AwsEmulator running = AwsEmulator.start(EmulatorOptions.defaults())) {
            int port = running.endpoint().getPort();

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> AwsEmulator.start(EmulatorOptions.defaults().withPort(port)));

            assertTrue(error.getMessage().contains("Port " + port + " on 127.0.0.1 is in use"), error.getMessage());
            assertEquals(200, get(running.endpoint().resolve("/moto-api/")));
        }
    }

    @Test
    void processThePidFileNamesIsLeftAloneWhenItIsNoMotoServerOnThatPort() throws Exception {
        int port = freePort();
        Process other = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(MotoServer.pidFile(port), other.pid() + " 0");

            try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults().withPort(port))) {
                assertTrue(other.isAlive());
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void resetEmptiesMoto() {
        try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
             SqsClient sqs = emulator.newSqsClient()) {
            sqs.createQueue(request -> request.queueName("before-reset"));

            emulator.reset();

            assertEquals(List.of(), sqs.listQueues().queueUrls());
        }
    }

    @Test
    void givenEndpointIsUsedAsItIsNeverResetNorStopped() throws Exception {
        try (AwsEmulator moto = AwsEmulator.start(EmulatorOptions.defaults())) {
            AwsEmulator given = AwsEmulator.start(EmulatorOptions.defaults().withEndpoint(moto.endpoint()));

            assertEquals(moto.endpoint(), given.endpoint());
            assertFalse(given.canReset());
            UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class, given::reset);
            assertTrue(error.getMessage().startsWith("Cannot reset the emulator at " + moto.endpoint()), error.getMessage());

            given.close();

            assertEquals(200, get(moto.endpoint().resolve("/moto-api/")));
        }
    }

    @Test
    void missingMotoServerSaysHowToInstallIt() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> AwsEmulator.start(
                EmulatorOptions.defaults().withMotoCommand(temp.resolve("moto_server").toString())));

        assertTrue(error.getMessage().contains("pip install 'moto[server]'"), error.getMessage());
    }

    @Test
    void serverThatExitsEarlyIsReportedWithItsOutput() throws IOException {
        Path script = executable("exits.sh", "#!/bin/sh\necho 'cannot bind' >&2\nexit 3\n");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> AwsEmulator.start(EmulatorOptions.defaults().withMotoCommand(script.toString())));

        assertTrue(error.getMessage().contains("exited with code 3 before it answered"), error.getMessage());
        assertTrue(error.getMessage().contains("cannot bind"), error.getMessage());
    }

    @Test
    void serverThatNeverAnswersTimesOutAndLeavesNoProcess() throws IOException {
        String marker = "31" + ProcessHandle.current().pid();
        Path script = executable("silent.sh", "#!/bin/sh\nsleep " + marker + "\n");

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> AwsEmulator.start(
                EmulatorOptions.defaults().withMotoCommand(script.toString()).withStartTimeout(Duration.ofSeconds(1))));

        assertTrue(error.getMessage().contains("did not answer GET"), error.getMessage());
        assertEquals(List.of(), processesWhoseCommandContains("sleep " + marker));
        assertEquals(List.of(), processesWhoseCommandContains(script.toString()));
    }

    @Test
    void takenPortIsReportedBeforeStarting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> AwsEmulator.start(EmulatorOptions.defaults().withPort(taken.getLocalPort())));

            assertTrue(error.getMessage().contains("Port " + taken.getLocalPort() + " on 127.0.0.1 is in use"), error.getMessage());
        }
    }

    @Test
    void environmentNamesEndpointAndRegion() {
        EmulatorOptions options = EmulatorOptions.fromEnvironment(
                Map.of("AWS_ENDPOINT_URL", "http://localhost:4566", "AWS_REGION", "us-west-2"));

        assertEquals(Optional.of(URI.create("http://localhost:4566")), options.endpoint());
        assertEquals(Region.US_WEST_2, options.region());
    }

    @Test
    void withoutEnvironmentMotoIsStartedOnAFreePortInSydney() {
        EmulatorOptions options = EmulatorOptions.fromEnvironment(Map.of("AWS_ENDPOINT_URL", " "));

        assertEquals(Optional.empty(), options.endpoint());
        assertEquals(0, options.port());
        assertEquals(Region.AP_SOUTHEAST_2, options.region());
    }

    private Path executable(String name, String content) throws IOException {
        Path script = temp.resolve(name);
        Files.writeString(script, content);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static void awaitAnswer(URI uri) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                if (get(uri) == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // moto is still starting
            }
            assertTrue(Instant.now().isBefore(deadline), uri + " did not answer");
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<ProcessHandle> processesListeningOn(int port) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.endsWith("moto_server -H 127.0.0.1 -p " + port)).orElse(false))
                .toList();
    }

    private static List<ProcessHandle> processesWhoseCommandContains(String text) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.contains(text)).orElse(false))
                .toList();
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
