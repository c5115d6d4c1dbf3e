package org.cloudcheckkit.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cloudcheckkit.cloudcheck.CloudcheckRegion;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.validation.Problem;
import org.cloudcheckkit.validation.RedirectTargets;
import org.cloudcheckkit.validation.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Go rules seed 000 states, each broken once, with the field it names; and what it does not state, left for
 * Cloudcheck to judge.
 */
class GoValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);
    private static final RedirectTargets REDIRECTS = new RedirectTargets(Set.of("app.example.nz"), List.of(), false);
    private final GoValidation validation = new GoValidation(TODAY, Set.of("live"), REDIRECTS, CloudcheckRegion.NZ);
    private final GoValidation australian = new GoValidation(TODAY, Set.of("live"), REDIRECTS, CloudcheckRegion.AU);

    static ObjectNode validRecipient() {
        ObjectNode recipient = JSON.createObjectNode();
        recipient.put("reference", "cust-1");
        recipient.putObject("name").put("given", "Jane").put("family", "Citizen");
        recipient.put("emailAddress", "jane@example.nz");
        recipient.put("mobileNumber", "+64211234567");
        recipient.put("dateofbirth", "1990-04-01");
        recipient.putObject("address").put("streetnumber", "12").put("streetname", "Queen Street")
                .put("suburb", "Auckland Central").put("city", "Auckland").put("postcode", "1010");
        recipient.putObject("requestType").put("verification", true);
        return recipient;
    }

    /** A quick send that is valid but for what a test changes: a link only, for verification, to a named recipient. */
    private static ObjectNode validQuickSend() {
        ObjectNode body = JSON.createObjectNode().put("generateLink", true);
        body.putObject("name").put("given", "Jane").put("family", "Citizen");
        body.putObject("requestType").put("verification", true);
        return body;
    }

    static ObjectNode validCreate() {
        ObjectNode body = JSON.createObjectNode();
        body.put("reference", "onboarding-42");
        body.put("emailFrom", "Example Ltd").put("replyTo", "help@example.nz").put("emailSubject", "Verify");
        body.putArray("recipients").add(validRecipient());
        return body;
    }

    @Test
    void aValidRequestBecomesTheTypedRequestWithoutANotificationUrl() {
        GoRequest request = validation.create(validCreate()).request();

        assertEquals("onboarding-42", request.reference());
        assertEquals(1, request.recipients().size());
        assertEquals("1990-04-01", request.recipients().get(0).dateofbirth());
        assertNull(request.notificationUrl());
    }

    static Stream<Arguments> brokenRecipients() {
        return Stream.of(
                Arguments.of("mobile without country code", edit(r -> r.put("mobileNumber", "0211234567")),
                        "recipients[0].mobileNumber", "INVALID_PHONE_NUMBER"),
                Arguments.of("mobile with spaces", edit(r -> r.put("mobileNumber", "+64 21 123 4567")),
                        "recipients[0].mobileNumber", "INVALID_PHONE_NUMBER"),
                Arguments.of("impossible date", edit(r -> r.put("dateofbirth", "1990-02-30")),
                        "recipients[0].dateofbirth", "INVALID_DATE_OF_BIRTH"),
                Arguments.of("wrong date format", edit(r -> r.put("dateofbirth", "01/04/1990")),
                        "recipients[0].dateofbirth", "INVALID_DATE_OF_BIRTH"),
                Arguments.of("born tomorrow", edit(r -> r.put("dateofbirth", "2026-11-23")),
                        "recipients[0].dateofbirth", "INVALID_DATE_OF_BIRTH"),
                Arguments.of("PO Box", edit(r -> ((ObjectNode) r.get("address")).put("streetname", "PO Box 1234")),
                        "recipients[0].address", "INVALID_ADDRESS"),
                Arguments.of("P.O. Box", edit(r -> ((ObjectNode) r.get("address")).put("streetname", "P.O. Box 99")),
                        "recipients[0].address", "INVALID_ADDRESS"),
                Arguments.of("Private Bag", edit(r -> ((ObjectNode) r.get("address")).put("streetname", "Private Bag 92019")),
                        "recipients[0].address", "INVALID_ADDRESS"),
                Arguments.of("PO Box in the postcode", edit(r -> ((ObjectNode) r.get("address")).put("postcode", "PO Box 5")),
                        "recipients[0].address", "INVALID_ADDRESS"),
                Arguments.of("neither email nor mobile", edit(r -> r.remove(List.of("emailAddress", "mobileNumber"))),
                        "recipients[0].emailAddress", "REQUIRED_ONE_OF"),
                Arguments.of("no service", edit(r -> r.putObject("requestType").put("verification", false)),
                        "recipients[0].requestType", "MISSING_SERVICE"),
                Arguments.of("no requestType", edit(r -> r.remove("requestType")),
                        "recipients[0].requestType", "MISSING_SERVICE"),
                Arguments.of("service not on the account", edit(r -> ((ObjectNode) r.get("requestType")).put("idscan", true)),
                        "recipients[0].requestType.idscan", "SERVICE_NOT_AVAILABLE"),
                Arguments.of("dateOfBirth spelt the usual way", edit(r -> r.put("dateOfBirth", "1990-04-01")),
                        "recipients[0].dateOfBirth", "UNKNOWN_FIELD"),
                Arguments.of("bad email", edit(r -> r.put("emailAddress", "jane.example.nz")),
                        "recipients[0].emailAddress", "EMAIL"),
                Arguments.of("name not an object", edit(r -> r.put("name", "Jane Citizen")),
                        "recipients[0].name", "TYPE"),
                Arguments.of("reference too long", edit(r -> r.put("reference", "x".repeat(101))),
                        "recipients[0].reference", "MAX_LENGTH"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRecipients")
    void eachRecipientRuleNamesItsField(String description, Consumer<ObjectNode> breakIt, String field, String rule) {
        ObjectNode body = validCreate();
        breakIt.accept((ObjectNode) body.get("recipients").get(0));

        ValidationException refused = assertThrows(ValidationException.class, () -> validation.create(body));

        assertEquals(List.of(new Problem(field, rule, refused.problems().get(0).message())), refused.problems(),
                description);
    }

    // Seed 000: in Go the customer enters their own details in Cloudcheck's journey; an address is not required.
    @Test
    void anEmailOnlyRecipientWithoutAddressOrDateOfBirthIsValid() {
        ObjectNode body = validCreate();
        ObjectNode recipient = (ObjectNode) body.get("recipients").get(0);
        recipient.remove(List.of("address", "dateofbirth", "mobileNumber"));

        GoRequest request = validation.create(body).request();

        assertNull(request.recipients().get(0).address());
        assertEquals("jane@example.nz", request.recipients().get(0).emailAddress());
    }

    @Test
    void aMobileOnlyRecipientNeedsNoEmailSettings() {
        ObjectNode body = validCreate();
        body.remove(List.of("emailFrom", "replyTo", "emailSubject"));
        ((ObjectNode) body.get("recipients").get(0)).remove(List.of("emailAddress", "address"));

        assertEquals("+64211234567", validation.create(body).request().recipients().get(0).mobileNumber());
    }

    // Seed 000 says only "must not be a PO Box" of an address: which parts it needs is Cloudcheck's to judge.
    @Test
    void anAddressWithoutStreetNameOrCityIsLeftForCloudcheckToJudge() {
        ObjectNode body = validCreate();
        ObjectNode address = (ObjectNode) body.get("recipients").get(0).get("address");
        address.remove(List.of("streetname", "city"));

        assertEquals("1010", validation.create(body).request().recipients().get(0).address().postcode());
    }

    @Test
    void aDateOfBirthBefore1900IsLeftForCloudcheckToJudge() {
        ObjectNode body = validCreate();
        ((ObjectNode) body.get("recipients").get(0)).put("dateofbirth", "1899-12-31");

        assertEquals("1899-12-31", validation.create(body).request().recipients().get(0).dateofbirth());
    }

    @Test
    void aRecipientNeedsAName() {
        for (Consumer<ObjectNode> noName : List.<Consumer<ObjectNode>>of(r -> r.remove("name"),
                r -> r.putObject("name").put("given", " ").put("middle", "Mary"))) {
            ObjectNode body = validCreate();
            noName.accept((ObjectNode) body.get("recipients").get(0));

            Problem problem = only(assertThrows(ValidationException.class, () -> validation.create(body)));

            assertEquals("recipients[0].name", problem.field());
            assertEquals("REQUIRED", problem.rule());
        }
    }

    @Test
    void aQuickSendThatOnlyGeneratesALinkEmailsNothingAndNeedsNoEmailSettings() {
        ObjectNode body = validQuickSend().put("emailAddress", "jane@example.nz");

        QuickSendRequest linkOnly = validation.quickSend(body);

        assertEquals("jane@example.nz", linkOnly.emailAddress());
        assertNull(linkOnly.emailFrom());
    }

    // Seed 000: "Australian addresses would include state and no suburb".
    @Test
    void onAnAustralianAccountAnAddressHasAStateAndNoSuburb() {
        ObjectNode body = validCreate();

        ValidationException refused = assertThrows(ValidationException.class, () -> australian.create(body));

        assertEquals(List.of("recipients[0].address.state", "recipients[0].address.suburb"),
                refused.problems().stream().map(Problem::field).toList());
        assertTrue(refused.problems().stream().allMatch(p -> p.rule().equals("INVALID_ADDRESS")));

        ((ObjectNode) body.get("recipients").get(0)).putObject("address").put("streetnumber", "1")
                .put("streetname", "George Street").put("city", "Sydney").put("state", "NSW").put("postcode", "2000");
        assertEquals("NSW", australian.create(body).request().recipients().get(0).address().state());
    }

    @Test
    void onANewZealandAccountAnAddressNeedsNoState() {
        assertNull(validation.create(validCreate()).request().recipients().get(0).address().state());
    }

    @Test
    void byDefaultOneInvalidRecipientRefusesTheWholeRequest() {
        ObjectNode body = validCreate();
        ((ArrayNode) body.get("recipients")).add(validRecipient().put("mobileNumber", "021"));

        ValidationException refused = assertThrows(ValidationException.class, () -> validation.create(body));

        assertEquals("recipients[1].mobileNumber", only(refused).field());
    }

    @Test
    void aPartialCreateSendsTheValidRecipientsAndReportsTheInvalidOnesAtTheirPlaces() {
        ObjectNode body = validCreate().put("allowPartial", true);
        ArrayNode recipients = (ArrayNode) body.get("recipients");
        recipients.add(validRecipient().put("reference", "cust-2").put("mobileNumber", "021"));
        recipients.add(validRecipient().put("reference", "cust-3"));
        recipients.add("not a recipient");

        ValidatedCreate create = validation.create(body);

        assertEquals(List.of("cust-1", "cust-3"), create.request().recipients().stream().map(r -> r.reference()).toList());
        assertEquals(List.of(0, 2), create.sentIndexes());
        assertEquals(List.of("recipients[1].mobileNumber", "recipients[3]"),
                create.refused().stream().map(Problem::field).toList());
    }

    @Test
    void allowPartialIsOursAndNotSentToCloudcheck() throws Exception {
        GoRequest request = validation.create(validCreate().put("allowPartial", true)).request();

        assertTrue(!JSON.writeValueAsString(request).contains("allowPartial"));
    }

    @Test
    void aPartialCreateWithNoValidRecipientIsStillRefused() {
        ObjectNode body = validCreate().put("allowPartial", true);
        ((ObjectNode) body.get("recipients").get(0)).put("mobileNumber", "021");

        assertEquals("recipients[0].mobileNumber",
                only(assertThrows(ValidationException.class, () -> validation.create(body))).field());
    }

    @Test
    void aPartialCreateIsStillRefusedForAProblemOfTheRequestItself() {
        ObjectNode body = validCreate().put("allowPartial", true).put("completeUrl", "https://evil.example/");
        ((ArrayNode) body.get("recipients")).add(validRecipient().put("mobileNumber", "021"));

        ValidationException refused = assertThrows(ValidationException.class, () -> validation.create(body));

        assertEquals(List.of("completeUrl", "recipients[1].mobileNumber"),
                refused.problems().stream().map(Problem::field).toList());
    }

    @Test
    void theAnswerNamesEveryRecipientNotLoadedByItsPlaceInTheCallersList() {
        ObjectNode body = validCreate().put("allowPartial", true);
        ArrayNode recipients = (ArrayNode) body.get("recipients");
        recipients.add(validRecipient().put("mobileNumber", "021"));
        recipients.add(validRecipient());
        ValidatedCreate create = validation.create(body);

        ValidatedCreate.Answer answer = create.answer(new GoCreated("g1", "onboarding-42", List.of(
                new RecipientOutcome.Accepted("cust-1", "t1", "https://link", "Not Sent"),
                new RecipientOutcome.Rejected("cust-1", "SERVICE_NOT_AVAILABLE", "not available"))));

        assertEquals(List.of(new Problem("recipients[1].mobileNumber", "INVALID_PHONE_NUMBER",
                        create.refused().get(0).message()), new Problem("recipients[2]", "SERVICE_NOT_AVAILABLE", "not available")),
                answer.problems());
        assertEquals(2, answer.recipients().size(), "Cloudcheck's own answer, as it came");
    }

    @Test
    void aLiveRequestIsAllowedWhenTheAccountHasLive() {
        ObjectNode body = validCreate();
        ((ObjectNode) body.get("recipients").get(0).get("requestType")).put("live", true);

        assertTrue(validation.create(body).request().recipients().get(0).requestType().live());
    }

    @Test
    void everyProblemOfEveryRecipientIsReportedAtOnce() {
        ObjectNode body = validCreate();
        ArrayNode recipients = (ArrayNode) body.get("recipients");
        recipients.add(validRecipient().put("mobileNumber", "021"));
        recipients.add(validRecipient());
        recipients.add(validRecipient().put("mobileNumber", "12345").put("dateofbirth", "1990-02-30"));

        ValidationException refused = assertThrows(ValidationException.class, () -> validation.create(body));

        assertEquals(List.of("recipients[1].mobileNumber", "recipients[3].mobileNumber", "recipients[3].dateofbirth"),
                refused.problems().stream().map(Problem::field).toList());
    }

    @Test
    void oneToFiveHundredRecipients() {
        ObjectNode none = validCreate();
        none.putArray("recipients");
        assertEquals("MIN_ITEMS", only(assertThrows(ValidationException.class, () -> validation.create(none))).rule());

        ObjectNode tooMany = validCreate();
        ArrayNode recipients = tooMany.putArray("recipients");
        for (int i = 0; i < 501; i++) {
            recipients.add(validRecipient());
        }
        Problem problem = only(assertThrows(ValidationException.class, () -> validation.create(tooMany)));
        assertEquals("recipients", problem.field());
        assertEquals("MAX_ITEMS", problem.rule());

        ObjectNode fiveHundred = validCreate();
        ArrayNode full = fiveHundred.putArray("recipients");
        for (int i = 0; i < 500; i++) {
            full.add(validRecipient());
        }
        assertEquals(500, validation.create(fiveHundred).request().recipients().size());
    }

    @Test
    void emailDetailsAreRequiredOnceARecipientHasAnEmail() {
        ObjectNode body = validCreate();
        body.remove("emailFrom");
        body.remove("replyTo");
        body.remove("emailSubject");

        ValidationException refused = assertThrows(ValidationException.class, () -> validation.create(body));

        assertEquals(List.of("emailFrom", "replyTo", "emailSubject"), refused.problems().stream().map(Problem::field).toList());
        assertTrue(refused.problems().stream().allMatch(p -> p.rule().equals("REQUIRED_WITH_EMAIL")));
    }

    @Test
    void notificationsNeedAnAddressToNotify() {
        Problem problem = only(assertThrows(ValidationException.class,
                () -> validation.create(validCreate().put("notifications", true))));

        assertEquals("notificationEmailAddress", problem.field());
        assertEquals("REQUIRED", problem.rule());
    }

    @Test
    void theNotificationUrlIsThisServicesToSet() {
        ObjectNode body = validCreate().put("notificationUrl", "https://attacker.example/steal");

        Problem problem = only(assertThrows(ValidationException.class, () -> validation.create(body)));

        assertEquals("notificationUrl", problem.field());
        assertEquals("SET_BY_SERVICE", problem.rule());
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        ObjectNode body = validCreate().put("completeUrl", "javascript:alert(1)");

        Problem problem = only(assertThrows(ValidationException.class, () -> validation.create(body)));

        assertEquals("completeUrl", problem.field());
        assertEquals("HTTP_URL", problem.rule());
    }

    @Test
    void aCompleteUrlMustBeHttpsOnAnAllowedHost() {
        for (String url : new String[] {"https://evil.example/phish", "http://app.example.nz/verified",
                "https://app.example.nz.evil.example/verified"}) {
            for (ObjectNode body : List.of(validCreate().put("completeUrl", url), validQuickSend().put("completeUrl", url))) {
                Problem problem = only(assertThrows(ValidationException.class,
                        () -> {
                            if (body.has("recipients")) {
                                validation.create(body);
                            } else {
                                validation.quickSend(body);
                            }
                        }));
                assertEquals("completeUrl", problem.field(), url);
                assertEquals("REDIRECT_NOT_ALLOWED", problem.rule(), url);
            }
        }
        assertEquals("https://app.example.nz/verified",
                validation.create(validCreate().put("completeUrl", "https://app.example.nz/verified")).request().completeUrl());
    }

    @Test
    void aBodyThatIsNotAnObjectIsOneProblem() {
        Problem problem = only(assertThrows(ValidationException.class, () -> validation.create(JSON.createArrayNode())));

        assertEquals("", problem.field());
        assertEquals("TYPE", problem.rule());
    }

    @Test
    void quickSendNeedsAnEmailOrMobileUnlessOnlyALinkIsWanted() {
        ObjectNode body = validQuickSend();
        body.remove("generateLink");

        Problem problem = only(assertThrows(ValidationException.class, () -> validation.quickSend(body)));
        assertEquals("REQUIRED_ONE_OF", problem.rule());

        body.put("generateLink", true);
        QuickSendRequest linkOnly = validation.quickSend(body);
        assertTrue(linkOnly.generateLink());
    }

    @Test
    void aQuickSendRecipientNeedsAName() {
        ObjectNode body = validQuickSend();
        body.remove("name");

        assertEquals("name", only(assertThrows(ValidationException.class, () -> validation.quickSend(body))).field());
    }

    @Test
    void aTestSendNeedsSomewhereToSendTheTest() {
        ObjectNode body = JSON.createObjectNode().put("test", true);

        Problem problem = only(assertThrows(ValidationException.class, () -> validation.send("g1", body)));

        assertEquals("testEmailAddress", problem.field());
        assertEquals(false, validation.send("g1", JSON.createObjectNode()).test());
    }

    @Test
    void cancelNeedsTokens() {
        Problem problem = only(assertThrows(ValidationException.class,
                () -> validation.cancel("g1", JSON.createObjectNode().set("recipientTokens", JSON.createArrayNode()))));

        assertEquals("recipientTokens", problem.field());
    }

    private static Problem only(ValidationException refused) {
        assertEquals(1, refused.problems().size(), refused.problems().toString());
        return refused.problems().get(0);
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> change) {
        return change;
    }
}
