package org.cloudcheckkit.functions.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.akahu.AkahuResultsHandler;
import org.cloudcheckkit.functions.go.ResultsHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.logging.LogContext;
import org.cloudcheckkit.secrets.Redact;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Lambda invokes - the stream entry point, with the functions' own logging provider - logs every line of a route
 * with the Lambda request id and the request's business keys, an Akahu session token only as its short hash, and
 * leaves none of them to the next invocation.
 */
class InvocationLogTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void everyLineOfARouteCarriesTheLambdaRequestIdTheGoApiReferenceAndThePrincipal(LocalAws aws, CloudcheckSandbox sandbox) {
        ResultsHandler handler = new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction"));
        FunctionContext context = new FunctionContext("ResultsFunction");

        List<String> lines = logged(() -> invoke(handler, sample("go-request.json", "GO-LOGGED-1"), context));

        String route = lines.stream().filter(line -> line.contains("route=")).findFirst().orElseThrow(
                () -> new AssertionError("no route line in " + lines));
        assertTrue(route.contains(LogContext.REQUEST_ID + "=" + context.getAwsRequestId()), route);
        assertTrue(route.contains(LogContext.GO_API_REFERENCE + "=GO-LOGGED-1"), route);
        assertTrue(route.contains(LogContext.PRINCIPAL + "=frontend-user-1"), route);
    }

    @Test
    void anAkahuSessionTokenIsLoggedOnlyAsItsShortHashAndTheNextInvocationStartsClean(LocalAws aws, CloudcheckSandbox sandbox) {
        String token = "akahu-session-token-that-stays-out-of-logs";
        AkahuResultsHandler akahu = new AkahuResultsHandler(TestStack.components(aws, sandbox, "AkahuResultsFunction"));
        ResultsHandler results = new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction"));

        List<String> lines = logged(() -> {
            invoke(akahu, sample("akahu-session.json", token), new FunctionContext("AkahuResultsFunction"));
            invoke(results, sample("go-request.json", "GO-LOGGED-2"), new FunctionContext("ResultsFunction"));
        });

        String all = String.join("\n", lines);
        assertFalse(all.contains(token), all);
        String akahuRoute = lines.stream().filter(line -> line.contains("/akahu/sessions/")).findFirst().orElseThrow(
                () -> new AssertionError("no Akahu route line in " + lines));
        assertTrue(akahuRoute.contains(LogContext.AKAHU_TOKEN_HASH + "=" + Redact.token(token)), akahuRoute);
        String goRoute = lines.stream().filter(line -> line.contains("/go/requests/")).findFirst().orElseThrow();
        assertFalse(goRoute.contains(LogContext.AKAHU_TOKEN_HASH), "the Akahu key outlived its invocation: " + goRoute);
    }

    private static byte[] sample(String name, String identifier) {
        try {
            String text = Files.readString(SampleEvents.eventsDirectory().resolve(name));
            return text.replaceAll("REPLACE-[A-Za-z]+", identifier).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void invoke(ApiGatewayHandler handler, byte[] event, FunctionContext context) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the functions' provider wrote to standard output while {@code invocations} ran. */
    private static List<String> logged(Runnable invocations) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invocations.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
