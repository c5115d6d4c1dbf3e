package org.cloudcheckkit.sandbox.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudcheckkit.sandbox.akahu.AkahuService;
import org.cloudcheckkit.sandbox.akahu.AkahuSnapshot;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.FormParameters;
import org.cloudcheckkit.sandbox.callback.QueryParameters;
import org.cloudcheckkit.sandbox.go.GoService;
import org.cloudcheckkit.sandbox.go.RecipientSnapshot;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;

/**
 * The pages behind the {@code link} and {@code url} the API hands out, so a person can play the customer in a
 * browser: following a Go link marks it Opened and Clicked, and a button finishes the journey with the chosen outcome
 * before redirecting to the completeUrl or Akahu callback, as Cloudcheck would.
 */
public final class JourneyHandler implements HttpHandler {

    public static final String PREFIX = "/_sandbox/journey/";

    private static final Pattern GO_PAGE = Pattern.compile(Pattern.quote(PREFIX) + "go/([^/]+)");
    private static final Pattern AKAHU_PAGE = Pattern.compile(Pattern.quote(PREFIX) + "akahu/([^/]+)");
    private static final String DONE_PAGE = PREFIX + "done";

    private final GoService go;
    private final AkahuService akahu;

    public JourneyHandler(GoService go, AkahuService akahu) {
        this.go = go;
        this.akahu = akahu;
    }

    public static String goPath(String recipientToken) {
        return PREFIX + "go/" + recipientToken;
    }

    public static String akahuPath(String token) {
        return PREFIX + "akahu/" + token;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            boolean post = "POST".equals(exchange.getRequestMethod());
            Matcher goPage = GO_PAGE.matcher(path);
            Matcher akahuPage = AKAHU_PAGE.matcher(path);
            if (goPage.matches()) {
                if (post) {
                    finishGo(exchange, goPage.group(1));
                } else {
                    showGo(exchange, goPage.group(1));
                }
            } else if (akahuPage.matches()) {
                if (post) {
                    finishAkahu(exchange, akahuPage.group(1));
                } else {
                    showAkahu(exchange, akahuPage.group(1));
                }
            } else if (path.equals(DONE_PAGE)) {
                sendPage(exchange, 200, "Thank you", "<p>You have finished. You can close this page.</p>");
            } else {
                sendPage(exchange, 404, "Not found", "<p>There is no page here.</p>");
            }
        } catch (NoSuchElementException e) {
            sendPage(exchange, 404, "Link not valid", "<p>This link is not valid, or is no longer valid.</p>");
        } catch (IllegalStateException e) {
            sendPage(exchange, 409, "Already finished", "<p>" + escape(e.getMessage()) + "</p>");
        } catch (IllegalArgumentException e) {
            sendPage(exchange, 400, "Bad request", "<p>" + escape(e.getMessage()) + "</p>");
        } finally {
            exchange.close();
        }
    }

    private void showGo(HttpExchange exchange, String token) throws IOException {
        go.open(token);
        RecipientSnapshot recipient = go.recipient(token);
        StringBuilder body = new StringBuilder()
                .append("<p>Reference: <b>").append(escape(labelOf(recipient.reference()))).append("</b></p>")
                .append("<p>Status: <b>").append(escape(recipient.status().label())).append("</b></p>");
        if (recipient.status().isFinal()) {
            body.append("<p>This verification has finished.</p>");
        } else {
            body.append("<form method=\"post\"><p>Finish the verification as:</p>");
            for (VerificationOutcome outcome : VerificationOutcome.values()) {
                if (outcome.isChoosable()) {
                    body.append(button("outcome", outcome.name()));
                }
            }
            body.append("</form>");
        }
        sendPage(exchange, 200, "Verify your identity (Cloudcheck Go sandbox)", body.toString());
    }

    private void finishGo(HttpExchange exchange, String token) throws IOException {
        go.respond(token, VerificationOutcome.parse(choice(exchange, "outcome")));
        String completeUrl = go.recipient(token).completeUrl();
        redirect(exchange, completeUrl == null ? DONE_PAGE : QueryParameters.append(completeUrl, Map.of("token", token)));
    }

    private void showAkahu(HttpExchange exchange, String token) throws IOException {
        AkahuSnapshot session = akahu.snapshot(token);
        StringBuilder body = new StringBuilder()
                .append("<p>Reference: <b>").append(escape(labelOf(session.request().reference()))).append("</b></p>")
                .append("<p>Status: <b>").append(escape(session.status().label())).append("</b></p>");
        if (session.status() == AkahuStatus.PENDING) {
            body.append("<form method=\"post\"><p>Finish the Akahu process as:</p>");
            for (AkahuStatus status : AkahuStatus.values()) {
                if (status != AkahuStatus.PENDING && status != AkahuStatus.EXPIRED) {
                    body.append(button("status", status.label()));
                }
            }
            body.append("</form>");
        } else {
            body.append("<p>This Akahu request has finished.</p>");
        }
        sendPage(exchange, 200, "Share your bank details (Cloudcheck Akahu sandbox)", body.toString());
    }

    private void finishAkahu(HttpExchange exchange, String token) throws IOException {
        akahu.complete(token, AkahuStatus.parse(choice(exchange, "status")));
        AkahuSnapshot session = akahu.snapshot(token);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("token", session.token());
        parameters.put("akahuReference", session.akahuReference());
        redirect(exchange, QueryParameters.append(session.request().callback(), parameters));
    }

    /** The value of the button pressed. */
    private static String choice(HttpExchange exchange, String field) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            String value = FormParameters.parse(new String(body.readAllBytes(), StandardCharsets.UTF_8)).value(field);
            if (value == null) {
                throw new IllegalArgumentException("Choose one of the buttons");
            }
            return value;
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static String button(String name, String value) {
        return "<button name=\"" + name + "\" value=\"" + escape(value) + "\">" + escape(value) + "</button> ";
    }

    private static String labelOf(String reference) {
        return reference == null ? "(none)" : reference;
    }

    private static void sendPage(HttpExchange exchange, int status, String title, String body) throws IOException {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}"
                + "button{font-size:1.1em;margin:.3em;padding:.4em 1em}</style></head>"
                + "<body><h1>" + escape(title) + "</h1>" + body
                + "<p><small>Cloudcheck sandbox: test data only.</small></p></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
