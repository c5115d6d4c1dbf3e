package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.akahu.AkahuResultsHandler;
import org.cloudcheckkit.functions.archive.DownloadsHandler;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every front-end route serves only what its caller owns: another customer's request, recipient, session, zip or PDF
 * is not found - the answer a thing that does not exist gets - and costs no Cloudcheck call. A principal with the admin
 * scope is served everything; with tenants on, only within its own tenant.
 */
class OwnershipTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    /** What user-a made: one Go request (sent), its recipient, one Akahu session. */
    private record Made(String goApiReference, String recipientToken, String akahuToken) {
    }

    @Test
    void anotherUserIsToldNothingExistsOnEveryRouteAndNoCloudcheckCallIsMade(LocalAws aws, CloudcheckSandbox sandbox) {
        Made made = madeByUserA(aws, sandbox, Map.of());
        int callsBefore = sandbox.calls().size();

        for (Route route : routes(made)) {
            APIGatewayV2HTTPResponse answer = route.call(aws, sandbox, Map.of(), event -> event.principal("user-b"));
            assertEquals(404, answer.getStatusCode(), route.name + ": " + answer.getBody());
            assertEquals(route.notFoundCode, body(answer).get("error").get("code").asText(), route.name);
        }
        assertEquals(callsBefore, sandbox.calls().size(), "no route called Cloudcheck for another user's things");
    }

    @Test
    void theOwnerAndAnAdministratorAreServedOnEveryRoute(LocalAws aws, CloudcheckSandbox sandbox) {
        for (int route = 0; route < routes(null).size(); route++) {
            Route asOwner = routes(madeByUserA(aws, sandbox, Map.of())).get(route);
            assertServed(asOwner, asOwner.call(aws, sandbox, Map.of(), event -> event.principal("user-a")));
            Route asAdmin = routes(madeByUserA(aws, sandbox, Map.of())).get(route);
            assertServed(asAdmin, asAdmin.call(aws, sandbox, Map.of(),
                    event -> event.principal("compliance-officer").scopes("cloudcheck/admin")));
        }
    }

    @Test
    void withTenantsOnAnAdministratorOfAnotherTenantIsToldNothingExists(LocalAws aws, CloudcheckSandbox sandbox) {
        Map<String, String> tenants = Map.of("TENANT_CLAIM", "custom:tenant");
        Made made = madeByUserA(aws, sandbox, tenants);

        for (Route route : routes(made)) {
            APIGatewayV2HTTPResponse otherTenant = route.call(aws, sandbox, tenants, event -> event.principal("admin-2")
                    .claim("custom:tenant", "lender-2").scopes("cloudcheck/admin"));
            assertEquals(404, otherTenant.getStatusCode(), route.name + ": " + otherTenant.getBody());
        }
        Route read = routes(made).get(0);
        assertServed(read, read.call(aws, sandbox, tenants, event -> event.principal("admin-1")
                .claim("custom:tenant", "lender-1").scopes("cloudcheck/admin")));
    }

    /** Past the owner check: any answer but the not-found one the check gives (a PDF not archived yet is served). */
    private static void assertServed(Route route, APIGatewayV2HTTPResponse answer) {
        boolean refused = answer.getStatusCode() == 404
                && route.notFoundCode.equals(body(answer).path("error").path("code").asText());
        assertEquals(false, refused, route.name + " serves its caller: " + answer.getBody());
    }

    @Test
    void aUsersOpenIntentsAreNotListedToAnother(LocalAws aws, CloudcheckSandbox sandbox) {
        madeByUserA(aws, sandbox, Map.of());
        sandbox.failNext("/go/create/", 1, org.cloudcheckkit.sandbox.fault.ApiFault.of(
                org.cloudcheckkit.sandbox.fault.ApiFault.Kind.HTTP_500));
        InContract.handle(new CreateHandler(components(aws, sandbox, "CreateFunction", Map.of())),
                SampleEvents.load("go-create.json")
                .principal("user-a").header("idempotency-key", UUID.randomUUID().toString()).event(), context());

        JsonNode mine = body(InContract.handle(new ResultsHandler(components(aws, sandbox, "ResultsFunction", Map.of())),
                SampleEvents.load("intents.json").principal("user-a").event(), context())).get("intents");
        JsonNode theirs = body(InContract.handle(new ResultsHandler(components(aws, sandbox, "ResultsFunction", Map.of())),
                SampleEvents.load("intents.json").principal("user-b").event(), context())).get("intents");

        assertEquals(1, mine.size(), mine.toString());
        assertEquals(0, theirs.size(), theirs.toString());
    }

    private static Made madeByUserA(LocalAws aws, CloudcheckSandbox sandbox, Map<String, String> environment) {
        UnaryOperator<SampleEvents> userA = event -> event.principal("user-a").claim("custom:tenant", "lender-1");
        JsonNode created = body(InContract.handle(new CreateHandler(components(aws, sandbox, "CreateFunction", environment)),
                userA.apply(SampleEvents.load("go-create.json").header("idempotency-key", UUID.randomUUID().toString()))
                        .event(), context()));
        String goApiReference = created.get("goApiReference").asText();
        InContract.handle(new SendHandler(components(aws, sandbox, "SendFunction", environment)), userA.apply(
                SampleEvents.load("go-send.json").pathParameter("goApiReference", goApiReference)).event(), context());
        JsonNode session = body(InContract.handle(new AkahuInitiateHandler(components(aws, sandbox, "AkahuInitiateFunction", environment)),
                userA.apply(SampleEvents.load("akahu-initiate.json")
                        .header("idempotency-key", UUID.randomUUID().toString())).event(), context()));
        return new Made(goApiReference, created.get("recipients").get(0).get("recipientToken").asText(),
                session.get("token").asText());
    }

    /** A front-end route that acts on something made: its function, its sample event, how it names what it acts on. */
    private record Route(String name, String function, String event, String notFoundCode,
                         UnaryOperator<SampleEvents> target) {

        APIGatewayV2HTTPResponse call(LocalAws aws, CloudcheckSandbox sandbox, Map<String, String> environment,
                                      UnaryOperator<SampleEvents> caller) {
            Components components = components(aws, sandbox, function, environment);
            ApiGatewayHandler handler = switch (function) {
                case "SendFunction" -> new SendHandler(components);
                case "RecipientsFunction" -> new RecipientsHandler(components);
                case "ResultsFunction" -> new ResultsHandler(components);
                case "AkahuResultsFunction" -> new AkahuResultsHandler(components);
                default -> new DownloadsHandler(components);
            };
            return InContract.handle(handler, caller.apply(target.apply(SampleEvents.load(event)
                    .header("idempotency-key", UUID.randomUUID().toString()))).event(), context());
        }
    }

    private static List<Route> routes(Made made) {
        if (made == null) {
            made = new Made("none", "none", "none");
        }
        Made target = made;
        UnaryOperator<SampleEvents> request = event -> event.pathParameter("goApiReference", target.goApiReference);
        UnaryOperator<SampleEvents> recipient = event -> event.pathParameter("goApiReference", target.goApiReference)
                .pathParameter("recipientToken", target.recipientToken);
        UnaryOperator<SampleEvents> session = event -> event.pathParameter("token", target.akahuToken);
        return List.of(
                new Route("GET /go/requests/{goApiReference}", "ResultsFunction", "go-request.json", "GO_REQUEST_NOT_FOUND", request),
                new Route("POST .../send", "SendFunction", "go-send.json", "GO_REQUEST_NOT_FOUND", request),
                new Route("POST .../resend", "SendFunction", "go-resend.json", "GO_REQUEST_NOT_FOUND", recipient),
                new Route("POST .../recipients", "RecipientsFunction", "go-add-recipient.json", "GO_REQUEST_NOT_FOUND", request),
                new Route("PUT .../recipients/{recipientToken}", "RecipientsFunction", "go-edit-recipient.json",
                        "GO_REQUEST_NOT_FOUND", recipient),
                new Route("POST .../cancel", "RecipientsFunction", "go-cancel-recipients.json", "GO_REQUEST_NOT_FOUND",
                        event -> request.apply(event).body("{\"recipientTokens\": [\"" + target.recipientToken + "\"]}")),
                new Route("GET /go/recipients/{recipientToken}", "ResultsFunction", "go-recipient.json",
                        "RECIPIENT_NOT_FOUND", recipient),
                new Route("GET /go/recipients/{recipientToken}/pdf", "DownloadsFunction", "go-recipient-pdf.json",
                        "RECIPIENT_NOT_FOUND", recipient),
                new Route("POST /go/requests/{goApiReference}/archive", "DownloadsFunction", "go-archive-start.json",
                        "GO_REQUEST_NOT_FOUND", request),
                new Route("GET /go/requests/{goApiReference}/archive", "DownloadsFunction", "go-archive-status.json",
                        "GO_REQUEST_NOT_FOUND", request),
                new Route("GET /akahu/sessions/{token}", "AkahuResultsFunction", "akahu-session.json",
                        "AKAHU_SESSION_NOT_FOUND", session),
                new Route("POST /akahu/sessions/{token}/review", "AkahuResultsFunction", "akahu-review.json",
                        "AKAHU_SESSION_NOT_FOUND", session),
                new Route("GET /akahu/sessions/{token}/pdf", "DownloadsFunction", "akahu-session-pdf.json",
                        "AKAHU_SESSION_NOT_FOUND", session));
    }

    private static Components components(LocalAws aws, CloudcheckSandbox sandbox, String function,
                                         Map<String, String> environment) {
        return TestStack.components(aws, sandbox, function, environment);
    }

    private static FunctionContext context() {
        return new FunctionContext("test");
    }
}
