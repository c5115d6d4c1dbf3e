package org.cloudcheckkit.cloudcheck;

import static org.cloudcheckkit.cloudcheck.SandboxClients.seconds;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.signing.ApiCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With every logger at debug (src/test/resources/simplelogger.properties), a full signed call, a rejected one and a
 * refreshed one log nothing of the API secret, and neither do the exceptions they throw.
 */
class CloudcheckClientLoggingTest {
    private static final String SECRET = "s3cr3t-value-that-must-never-be-logged";

    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX_SERVER = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().credentials(List.of(ApiCredential.of("logging-key", SECRET))).build());

    @Test
    void noSignedCallLogsTheSecret(CloudcheckSandbox sandbox) {
        SandboxClients clients = new SandboxClients();
        ApiCredentials credentials = new ApiCredentials("logging-key", SECRET);
        SandboxClients.RotatedCredentials rotated = new SandboxClients.RotatedCredentials(
                new ApiCredentials("logging-key", "old-" + SECRET), credentials);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String failures;
        try {
            GoApi go = clients.client(sandbox.baseUrl(), rotated).go();
            go.create(CloudcheckClientFlowTest.request(List.of(CloudcheckClientFlowTest.recipient("cust-1", "+64211234567"))),
                    seconds(10));
            GoApi wrong = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(new ApiCredentials("logging-key",
                    "wrong-" + SECRET))).go();
            CloudcheckApiException refused = org.junit.jupiter.api.Assertions.assertThrows(CloudcheckApiException.class,
                    () -> wrong.results("g1", seconds(10)));
            failures = refused.toString() + refused.getMessage() + credentials;
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertTrue(log.contains("DEBUG") && log.contains("/go/create/"), "debug logging was captured:\n" + log);
        assertFalse(log.contains(SECRET), "the secret appears in the log:\n" + log);
        assertFalse(failures.contains(SECRET), failures);
    }
}
