package org.cloudcheckkit.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.cloudcheckkit.localaws.LocalResource;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;

/** What ./run prints once the stack is up: where everything listens, the routes, and an example to paste. */
final class Banner {

    private static final String EXAMPLE = "go-example.sh";

    private Banner() {
    }

    static String text(LocalStack stack) {
        StringBuilder text = new StringBuilder();
        text.append("\nLocal stack is up: ").append(stack.functions().all().size()).append(" functions and ")
                .append(stack.routes().routes().size()).append(" routes from ").append(stack.settings().template()).append("\n\n");
        line(text, "API", stack.apiUrl() + "   front-end routes take  Authorization: Bearer <token>");
        line(text, "Reference", stack.apiUrl() + ApiReference.PAGE + "   the API's OpenAPI document, rendered (and "
                + stack.apiUrl() + ApiReference.DOCUMENT + ")");
        for (LocalPrincipals.LocalPrincipal principal : stack.principals().all()) {
            line(text, "Token", principal.token() + "   sub " + principal.subject()
                    + (principal.scopes().isEmpty() ? "" : ", scopes " + String.join(" ", principal.scopes())));
        }
        line(text, "Cloudcheck", stack.sandbox().map(sandbox -> sandbox.baseUrl() + "   the sandbox: control API at "
                + sandbox.baseUrl() + "/_sandbox/, API key " + cloudcheckKey(stack))
                .orElse(stack.cloudcheckUrl() + "   (CLOUDCHECK_BASE_URL)"));
        line(text, "AWS", stack.aws().endpoint() + "   " + (stack.startedEmulator() ? "moto_server started here" : "AWS_ENDPOINT_URL")
                + ", region " + stack.aws().region().id() + ", any credentials");
        for (LocalResource resource : stack.aws().resources().values()) {
            line(text, shortType(resource.type()), resource.physicalName() + "   (" + resource.logicalId() + ")");
        }
        stack.streamConsumers().forEach(consumer -> line(text, "Stream", consumer.describe()));
        stack.schedules().forEach(job -> line(text, "Schedule", job.functionId() + "." + job.eventName() + ": "
                + job.expression() + ", locally every " + stack.settings().scheduleInterval().toSeconds() + " s"));
        text.append("\nRoutes (").append(stack.apiUrl()).append(")\n");
        String admin = "POST /_local/functions/{FunctionLogicalId}/invoke";
        int width = Math.max(admin.length(), stack.routes().routes().stream().mapToInt(route -> route.routeKey().length()).max().orElse(0));
        String row = "  %-" + width + "s  %-30s %s%n";
        for (HttpRoute route : stack.routes().routes()) {
            text.append(String.format(Locale.ROOT, row, route.routeKey(), route.functionId(),
                    route.authorizer().isPresent() ? "bearer token" : "open"));
        }
        text.append(String.format(Locale.ROOT, row, admin, "any function (local only)", "bearer token"));
        if (stack.sandbox().isPresent()) {
            text.append("\nTry it: paste this into another terminal (bash, curl and python3)\n\n")
                    .append(example(stack)).append('\n');
        }
        text.append("\nInvoke any function as `aws lambda invoke` would: ./run invoke <FunctionLogicalId> '<json>'\n")
                .append("Ctrl-C stops everything.\n");
        return text.toString();
    }

    /** The Go example with this stack's addresses and token; the end-to-end tests run exactly this text. */
    static String example(LocalStack stack) {
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow(() -> new IllegalStateException(
                "The example completes a recipient in the sandbox, and this stack calls " + stack.cloudcheckUrl()));
        return resource(EXAMPLE)
                .replace("{{API}}", stack.apiUrl().toString())
                .replace("{{SANDBOX}}", sandbox.baseUrl())
                .replace("{{TOKEN}}", stack.apiToken());
    }

    private static String cloudcheckKey(LocalStack stack) {
        return stack.aws().secretFields(LocalStack.CLOUDCHECK_SECRET_PARAMETER).getOrDefault("apiKey", "?");
    }

    private static String shortType(String type) {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }

    private static String resource(String name) {
        try (InputStream in = Banner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The local stack's jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
