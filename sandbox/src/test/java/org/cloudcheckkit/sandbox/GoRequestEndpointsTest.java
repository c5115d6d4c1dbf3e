package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Go endpoints that create and change requests: happy paths and every validation rule. */
class GoRequestEndpointsTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private ApiClient client;

    @BeforeEach
    void connect() {
        client = ApiClient.forDefaultKey(sandbox.sandbox());
    }

    @Test
    void createAcceptsValidRecipientsAndReportsInvalidOnesInOrder() {
        ObjectNode badPhone = TestData.recipient("cust-2").put("mobileNumber", "021 123 4567");

        JsonNode created = client.postOk("/go/create/", TestData.createRequest(
                TestData.recipient("cust-1"), badPhone, TestData.recipient("cust-3")));

        assertEquals("onboarding-42", created.path("reference").asText());
        JsonNode outcomes = created.path("recipients");
        assertEquals(3, outcomes.size());
        assertEquals("cust-1", outcomes.path(0).path("reference").asText());
        assertEquals(32, outcomes.path(0).path("recipientToken").asText().length());
        assertEquals(sandbox.baseUrl() + "/_sandbox/journey/go/" + outcomes.path(0).path("recipientToken").asText(),
                outcomes.path(0).path("link").asText());
        assertEquals("Not Sent", outcomes.path(0).path("status").asText());
        assertEquals("cust-2", outcomes.path(1).path("reference").asText());
        assertEquals("INVALID_PHONE_NUMBER", outcomes.path(1).path("error").asText());
        assertEquals("Enter a mobile number including the country code (eg. +64).",
                outcomes.path(1).path("message").asText());
        assertEquals("cust-3", outcomes.path(2).path("reference").asText());

        JsonNode results = client.getOk("/go/results/", "goApiReference", created.path("goApiReference").asText());
        assertEquals(2, results.path("recipients").size());
        assertEquals("Not Sent", results.path("recipients").path(1).path("status").asText());
        assertTrue(results.path("recipients").path(1).path("statusDate").asText().endsWith("Z"));
    }

    static Stream<Arguments> invalidRecipients() {
        return Stream.of(
                spoiled("mobile without country code", "INVALID_PHONE_NUMBER", r -> r.put("mobileNumber", "0211234567")),
                spoiled("mobile with spaces", "INVALID_PHONE_NUMBER", r -> r.put("mobileNumber", "+64 21 123 4567")),
                spoiled("mobile that is a number", "INVALID_PHONE_NUMBER", r -> r.put("mobileNumber", 64211234567L)),
                spoiled("30 February", "INVALID_DATE_OF_BIRTH", r -> r.put("dateofbirth", "1990-02-30")),
                spoiled("day-month-year", "INVALID_DATE_OF_BIRTH", r -> r.put("dateofbirth", "01/04/1990")),
                spoiled("born in the future", "INVALID_DATE_OF_BIRTH", r -> r.put("dateofbirth", "2999-01-01")),
                spoiled("born before 1900", "INVALID_DATE_OF_BIRTH", r -> r.put("dateofbirth", "1899-12-31")),
                spoiled("PO Box", "INVALID_ADDRESS", r -> r.withObjectProperty("address").put("streetname", "PO Box 4021")),
                spoiled("P.O. Box", "INVALID_ADDRESS", r -> r.withObjectProperty("address").put("streetname", "p.o. box 12")),
                spoiled("Private Bag", "INVALID_ADDRESS", r -> r.withObjectProperty("address").put("suburb", "Private Bag 92019")),
                spoiled("no city", "INVALID_ADDRESS", r -> r.withObjectProperty("address").put("city", " ")),
                spoiled("no requestType", "MISSING_SERVICE", r -> r.remove("requestType")),
                spoiled("every service false", "MISSING_SERVICE",
                        r -> r.withObjectProperty("requestType").put("verification", false).put("live", false)),
                spoiled("true as a string", "MISSING_SERVICE", r -> r.withObjectProperty("requestType").put("verification", "true")),
                spoiled("Live not enabled for the key", "SERVICE_NOT_AVAILABLE",
                        r -> r.withObjectProperty("requestType").put("live", true)),
                spoiled("Akahu not enabled for the key", "SERVICE_NOT_AVAILABLE",
                        r -> r.withObjectProperty("requestType").put("verification", false).put("akahu", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecipients")
    void rejectsTheRecipientWithTheFirstBrokenRule(String name, String error, Consumer<ObjectNode> spoil) {
        ObjectNode recipient = TestData.recipient("bad");
        spoil.accept(recipient);

        JsonNode created = client.postOk("/go/create/", TestData.createRequest(recipient, TestData.recipient("ok")));

        assertEquals(error, created.path("recipients").path(0).path("error").asText(), created::toString);
        assertTrue(created.path("recipients").path(1).has("recipientToken"));
    }

    @Test
    void optionalContactDetailsMayBeLeftOut() {
        ObjectNode recipient = TestData.recipient("minimal");
        recipient.remove("mobileNumber");
        recipient.put("dateofbirth", "");
        recipient.remove("emailAddress");
        recipient.remove("address");

        JsonNode created = client.postOk("/go/create/", TestData.createRequest(recipient));

        assertTrue(created.path("recipients").path(0).has("recipientToken"), created::toString);
    }

    @Test
    void servicesEnabledForTheKeyAreAccepted() {
        ObjectNode recipient = TestData.recipient("all");
        recipient.withObjectProperty("requestType").put("live", true).put("idscan", true).put("akahu", true).put("credfin", true);

        JsonNode created = ApiClient.forAllServicesKey(sandbox.sandbox())
                .postOk("/go/create/", TestData.createRequest(recipient));

        assertTrue(created.path("recipients").path(0).has("recipientToken"), created::toString);
    }

    @Test
    void createFailsWhenNoRecipientIsValid() {
        ApiResponse response = client.post("/go/create/", TestData.createRequest(
                TestData.recipient("a").put("dateofbirth", "nope")));

        assertEquals(400, response.status());
        assertEquals(107, response.error());
        assertEquals("No valid recipients", response.json().path("message").asText());
        assertEquals("INVALID_DATE_OF_BIRTH", response.json().path("recipients").path(0).path("error").asText());
    }

    @Test
    void createTakesOneToFiveHundredRecipients() {
        ObjectNode[] fiveHundred = Stream.generate(() -> TestData.recipient("r")).limit(500).toArray(ObjectNode[]::new);
        ObjectNode[] tooMany = Stream.generate(() -> TestData.recipient("r")).limit(501).toArray(ObjectNode[]::new);

        assertEquals(500, client.postOk("/go/create/", TestData.createRequest(fiveHundred)).path("recipients").size());
        ApiResponse overLimit = client.post("/go/create/", TestData.createRequest(tooMany));
        ApiResponse none = client.post("/go/create/", TestData.createRequest());

        assertEquals(107, overLimit.error());
        assertEquals("recipients", overLimit.json().path("fields").asText());
        assertEquals(102, none.error());
        assertEquals("recipients", none.json().path("fields").asText());
    }

    @Test
    void createChecksRequestLevelFields() {
        ObjectNode noEmailSettings = TestData.createRequest(TestData.recipient("a"));
        noEmailSettings.remove("emailFrom");
        noEmailSettings.remove("emailSubject");
        ObjectNode notificationsWithoutAddress = TestData.createRequest(TestData.recipient("a"))
                .put("notifications", true);
        ObjectNode badCompleteUrl = TestData.createRequest(TestData.recipient("a"))
                .put("completeUrl", "app.example.nz/done");

        assertFields(102, "emailFrom,emailSubject", client.post("/go/create/", noEmailSettings));
        assertFields(102, "notificationEmailAddress", client.post("/go/create/", notificationsWithoutAddress));
        assertFields(107, "completeUrl", client.post("/go/create/", badCompleteUrl));
    }

    @Test
    void addRecipientAddsOrRejectsTheWholeCall() {
        String reference = create(TestData.recipient("first")).path("goApiReference").asText();

        JsonNode added = client.postOk("/go/add-recipient/", TestData.object()
                .put("goApiReference", reference).set("recipient", TestData.recipient("second")));
        ApiResponse invalid = client.post("/go/add-recipient/", TestData.object()
                .put("goApiReference", reference)
                .set("recipient", TestData.recipient("third").put("dateofbirth", "1990-13-01")));
        ApiResponse unknown = client.post("/go/add-recipient/", TestData.object()
                .put("goApiReference", "nope").set("recipient", TestData.recipient("x")));
        ApiResponse missing = client.post("/go/add-recipient/", TestData.object());

        assertEquals(reference, added.path("goApiReference").asText());
        assertTrue(added.path("link").asText().endsWith(added.path("recipientToken").asText()));
        assertEquals(400, invalid.status());
        assertEquals(107, invalid.error());
        assertEquals("Invalid recipient", invalid.json().path("message").asText());
        assertEquals("INVALID_DATE_OF_BIRTH", invalid.json().path("recipient").path("error").asText());
        assertEquals(105, unknown.error());
        assertFields(102, "goApiReference,recipient", missing);
        assertEquals(2, client.getOk("/go/results/", "goApiReference", reference).path("recipients").size());
    }

    @Test
    void editKeepsTheTokenUntilContactDetailsChangeAfterASend() {
        JsonNode created = create(TestData.recipient("cust-1"));
        String reference = created.path("goApiReference").asText();
        String token = created.path("recipients").path(0).path("recipientToken").asText();

        String beforeSend = edit(reference, token, TestData.recipient("cust-1").put("emailAddress", "new@example.nz"));
        client.postOk("/go/send/", TestData.object().put("goApiReference", reference));
        String sameContact = edit(reference, token, TestData.recipient("renamed").put("emailAddress", "new@example.nz"));
        String newContact = edit(reference, token, TestData.recipient("renamed").put("mobileNumber", "+61412345678")
                .put("emailAddress", "new@example.nz"));

        assertEquals(token, beforeSend);
        assertEquals(token, sameContact);
        assertNotEquals(token, newContact);
        assertEquals(105, client.get("/go/result/", "token", token).error());
        JsonNode result = client.getOk("/go/result/", "token", newContact);
        assertEquals("renamed", result.path("reference").asText());
        assertEquals("Not Sent", result.path("status").asText());
    }

    @Test
    void editRefusesAFinishedRecipient() {
        JsonNode created = create(TestData.recipient("cust-1"));
        String token = created.path("recipients").path(0).path("recipientToken").asText();
        sandbox.sandbox().completeRecipient(token, VerificationOutcome.PASS);

        ApiResponse response = client.post("/go/edit-recipient/", TestData.object()
                .put("goApiReference", created.path("goApiReference").asText())
                .put("recipientToken", token)
                .set("recipient", TestData.recipient("x")));

        assertEquals(107, response.error());
    }

    @Test
    void cancelRemovesRecipientsOrNoneWhenATokenIsUnknown() {
        JsonNode created = create(TestData.recipient("a"), TestData.recipient("b"));
        String reference = created.path("goApiReference").asText();
        String first = created.path("recipients").path(0).path("recipientToken").asText();
        String second = created.path("recipients").path(1).path("recipientToken").asText();

        ApiResponse withUnknown = client.post("/go/cancel-recipient/", TestData.object()
                .put("goApiReference", reference).set("recipientTokens", TestData.object().arrayNode().add(first).add("nope")));
        JsonNode cancelled = client.postOk("/go/cancel-recipient/", TestData.object()
                .put("goApiReference", reference).set("recipientTokens", TestData.object().arrayNode().add(first)));

        assertEquals(105, withUnknown.error());
        assertEquals(first, cancelled.path("cancelled").path(0).asText());
        JsonNode results = client.getOk("/go/results/", "goApiReference", reference);
        assertEquals(1, results.path("recipients").size());
        assertEquals(second, results.path("recipients").path(0).path("recipientToken").asText());
        assertEquals(105, client.get("/go/result/", "token", first).error());
    }

    @Test
    void sendMessagesEveryReachableRecipientOnce() {
        ObjectNode emailOnly = TestData.recipient("email-only");
        emailOnly.remove("mobileNumber");
        ObjectNode unreachable = TestData.recipient("unreachable");
        unreachable.remove("mobileNumber");
        unreachable.remove("emailAddress");
        JsonNode created = create(TestData.recipient("both"), emailOnly, unreachable);
        String reference = created.path("goApiReference").asText();

        JsonNode sent = client.postOk("/go/send/", TestData.object().put("goApiReference", reference).put("test", false));
        JsonNode sentAgain = client.postOk("/go/send/", TestData.object().put("goApiReference", reference));

        assertEquals(2, sent.path("emailsSent").asInt());
        assertEquals(1, sent.path("smsSent").asInt());
        assertFalse(sent.path("test").asBoolean());
        assertEquals(0, sentAgain.path("emailsSent").asInt());
        JsonNode recipients = client.getOk("/go/results/", "goApiReference", reference).path("recipients");
        assertEquals("Delivered", recipients.path(0).path("status").asText());
        assertEquals("Delivered", recipients.path(1).path("status").asText());
        assertEquals("Not Sent", recipients.path(2).path("status").asText());
    }

    @Test
    void aTestSendChangesNoRecipient() {
        String reference = create(TestData.recipient("a")).path("goApiReference").asText();

        JsonNode sent = client.postOk("/go/send/", TestData.object().put("goApiReference", reference).put("test", true)
                .put("testEmailAddress", "me@example.nz"));
        ApiResponse nowhere = client.post("/go/send/", TestData.object().put("goApiReference", reference)
                .put("test", true));

        assertTrue(sent.path("test").asBoolean());
        assertEquals(1, sent.path("emailsSent").asInt());
        assertEquals(0, sent.path("smsSent").asInt());
        assertFields(102, "testEmailAddress,testMobileNumber", nowhere);
        assertEquals("Not Sent", client.getOk("/go/results/", "goApiReference", reference)
                .path("recipients").path(0).path("status").asText());
    }

    @Test
    void resendDeliversAgainUntilTheRecipientHasFinished() {
        JsonNode created = create(TestData.recipient("a"));
        String reference = created.path("goApiReference").asText();
        String token = created.path("recipients").path(0).path("recipientToken").asText();
        ObjectNode resend = TestData.object().put("goApiReference", reference).put("recipientToken", token);

        JsonNode resent = client.postOk("/go/resend/", resend);
        sandbox.sandbox().completeRecipient(token, VerificationOutcome.PASS);
        ApiResponse afterResponse = client.post("/go/resend/", resend);

        assertEquals("SUCCESS", resent.path("result").asText());
        assertEquals(token, resent.path("recipientToken").asText());
        assertEquals(107, afterResponse.error());
        assertEquals(105, client.post("/go/resend/", resend.put("recipientToken", "nope")).error());
    }

    @Test
    void quickSendCreatesAndSendsAOneRecipientRequest() {
        JsonNode sent = client.postOk("/go/quicksend/", quickSend().put("emailAddress", "jane@example.nz"));
        JsonNode linkOnly = client.postOk("/go/quicksend/", quickSend().put("generateLink", true));

        assertEquals("Delivered", client.getOk("/go/result/", "token", sent.path("recipientToken").asText())
                .path("status").asText());
        assertEquals("Not Sent", client.getOk("/go/result/", "token", linkOnly.path("recipientToken").asText())
                .path("status").asText());
        assertTrue(linkOnly.path("link").asText().contains("/_sandbox/journey/go/"));
    }

    @Test
    void quickSendValidatesContactAndServices() {
        ApiResponse noContact = client.post("/go/quicksend/", quickSend());
        ApiResponse badMobile = client.post("/go/quicksend/", quickSend().put("mobileNumber", "021555"));
        ObjectNode liveOnly = quickSend().put("emailAddress", "jane@example.nz");
        liveOnly.withObjectProperty("requestType").put("verification", false).put("live", true);
        ApiResponse unavailable = client.post("/go/quicksend/", liveOnly);

        assertFields(102, "emailAddress,mobileNumber", noContact);
        assertEquals("INVALID_PHONE_NUMBER", badMobile.json().path("recipient").path("error").asText());
        assertEquals("SERVICE_NOT_AVAILABLE", unavailable.json().path("recipient").path("error").asText());
    }

    private static ObjectNode quickSend() {
        ObjectNode request = TestData.object().put("reference", "quick-1").put("completeUrl", "https://app.example.nz/done");
        request.putObject("name").put("given", "Jane").put("family", "Citizen");
        request.putObject("requestType").put("verification", true);
        return request;
    }

    private JsonNode create(ObjectNode... recipients) {
        return client.postOk("/go/create/", TestData.createRequest(recipients));
    }

    private String edit(String reference, String token, ObjectNode recipient) {
        return client.postOk("/go/edit-recipient/", TestData.object()
                        .put("goApiReference", reference).put("recipientToken", token).set("recipient", recipient))
                .path("recipientToken").asText();
    }

    private static void assertFields(int error, String fields, ApiResponse response) {
        assertEquals(error, response.error(), response::toString);
        assertEquals(fields, response.json().path("fields").asText(), response::toString);
    }

    private static Arguments spoiled(String name, String error, Consumer<ObjectNode> spoil) {
        return Arguments.of(name, error, spoil);
    }
}
