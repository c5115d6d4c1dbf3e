package org.cloudcheckkit.akahu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.cloudcheckkit.validation.Problem;
import org.cloudcheckkit.validation.RedirectTargets;
import org.cloudcheckkit.validation.ValidationException;
import org.junit.jupiter.api.Test;

/** Akahu's rules (seed 002): callback required and http(s); our URLs not overridable; review decisions. */
class AkahuValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void callbackIsRequiredWhenNoDefaultIsConfigured() {
        Problem problem = only(assertThrows(ValidationException.class,
                () -> validation("").initiate(JSON.createObjectNode().put("reference", "r1"))));

        assertEquals("callback", problem.field());
        assertEquals("REQUIRED", problem.rule());
    }

    @Test
    void theConfiguredCallbackIsUsedWhenNoneIsGiven() {
        assertEquals("https://app.example.nz/back",
                validation("https://app.example.nz/back").initiate(JSON.createObjectNode()).callback());
    }

    @Test
    void callbackMustBeHttp() {
        Problem problem = only(assertThrows(ValidationException.class,
                () -> validation("").initiate(JSON.createObjectNode().put("callback", "ftp://x.example/"))));

        assertEquals("HTTP_URL", problem.rule());
    }

    @Test
    void webhookAndNotificationUrlsAreThisServicesToSet() {
        ObjectNode body = JSON.createObjectNode().put("callback", "https://app.example.nz/")
                .put("webhookUrl", "https://elsewhere.example/").put("notificationUrl", "https://elsewhere.example/");

        ValidationException refused = assertThrows(ValidationException.class, () -> validation("").initiate(body));

        assertEquals(2, refused.problems().size());
        assertEquals("SET_BY_SERVICE", refused.problems().get(0).rule());
    }

    @Test
    void reviewDecisionIsApprovedOrRejected() {
        Problem missing = only(assertThrows(ValidationException.class,
                () -> validation("").review("t1", JSON.createObjectNode())));
        Problem wrong = only(assertThrows(ValidationException.class,
                () -> validation("").review("t1", JSON.createObjectNode().put("reviewDecision", "MAYBE"))));

        assertEquals("REQUIRED", missing.rule());
        assertEquals("ONE_OF", wrong.rule());
        assertEquals("APPROVED", validation("").review("t1",
                JSON.createObjectNode().put("reviewDecision", "APPROVED")).reviewDecision());
    }

    private static Problem only(ValidationException refused) {
        assertEquals(1, refused.problems().size(), refused.problems().toString());
        return refused.problems().get(0);
    }

    @Test
    void aCallbackMustBeHttpsOnAnAllowedHostBeforeAnythingIsCalled() {
        for (String callback : new String[] {"https://evil.example/steal", "http://app.example.nz/back",
                "https://user@app.example.nz/back", "http://localhost:5173/back"}) {
            ValidationException refused = assertThrows(ValidationException.class,
                    () -> validation("").initiate(JSON.createObjectNode().put("callback", callback)), callback);
            assertEquals("callback", refused.problems().get(0).field(), callback);
            assertEquals("REDIRECT_NOT_ALLOWED", refused.problems().get(0).rule(), callback);
        }
        assertEquals("https://app.example.nz/back",
                validation("").initiate(JSON.createObjectNode().put("callback", "https://app.example.nz/back")).callback());
        assertEquals("http://localhost:5173/back", new AkahuValidation("", new RedirectTargets(Set.of(), List.of(), true))
                .initiate(JSON.createObjectNode().put("callback", "http://localhost:5173/back")).callback(),
                "a local run lets the customer come back to a front end on localhost");
    }

    private static AkahuValidation validation(String defaultCallback) {
        return new AkahuValidation(defaultCallback, new RedirectTargets(Set.of("app.example.nz"), List.of(defaultCallback), false));
    }
}
