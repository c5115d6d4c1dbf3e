package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of seed 003, each with a failing case that names its field and code, and the boundaries that pass. */
class VerificationRequestValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCESS_TOKEN = "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux";
    /** The seed's request example with real values; the same body as events/card-verification-initiate.json. */
    static final String SEED_EXAMPLE = "{\"consumer\": {\"device\": {\"imei\": \"356938035643809\", \"serialNumber\": "
            + "\"R58M12ABCDE\"}, \"ipAddresses\": [\"203.0.113.25\"]}, \"location\": {\"lat\": -36.8485, \"lng\": 174.7633}, "
            + "\"session\": {\"accessToken\": \"" + ACCESS_TOKEN + "\"}, \"transaction\": {\"currency\": \"NZD\"}}";

    private final VerificationRequestValidator validator = new VerificationRequestValidator();

    @Test
    void theSeedExampleIsValid() {
        VerificationRequest request = validator.validate(SEED_EXAMPLE, false);

        assertEquals("R58M12ABCDE", request.serialNumber());
        assertEquals("356938035643809", request.imei());
        assertEquals(List.of("203.0.113.25"), request.ipAddresses());
        assertEquals(-36.8485, request.latitude());
        assertEquals(174.7633, request.longitude());
        assertEquals("NZD", request.currency());
        assertEquals(ACCESS_TOKEN, request.accessToken());
    }

    @Test
    void onlyTheRequiredFieldsAreEnough() {
        VerificationRequest request = validator.validate("{\"consumer\": {\"device\": {\"serialNumber\": \"S\"}}, "
                + "\"transaction\": {\"currency\": \"AUD\"}, \"session\": {\"accessToken\": \"" + ACCESS_TOKEN + "\"}}", false);

        assertNull(request.imei());
        assertNull(request.latitude());
        assertNull(request.longitude());
        assertEquals(List.of(), request.ipAddresses());
    }

    @Test
    void nullOptionalFieldsCountAsNotSent() {
        VerificationRequest request = validator.validate(body(b -> {
            set(b, "consumer.device.imei", null);
            set(b, "consumer.ipAddresses", null);
            set(b, "location", null);
        }), false);

        assertNull(request.imei());
        assertNull(request.latitude());
        assertEquals(List.of(), request.ipAddresses());
    }

    static Stream<Arguments> boundaries() {
        return Stream.of(
                Arguments.of("consumer.device.serialNumber", "S"),
                Arguments.of("consumer.device.serialNumber", "S".repeat(50)),
                Arguments.of("consumer.device.serialNumber", "\uD83D\uDCF1".repeat(50)), // 50 characters, 100 UTF-16 units
                Arguments.of("session.accessToken", "t".repeat(32)),
                Arguments.of("session.accessToken", "t".repeat(128)),
                Arguments.of("consumer.device.imei", "35693803564380"),
                Arguments.of("consumer.device.imei", "3569380356438091"),
                Arguments.of("location.lat", -90),
                Arguments.of("location.lat", 90.0),
                Arguments.of("location.lng", -180.0),
                Arguments.of("location.lng", 180),
                Arguments.of("consumer.ipAddresses", List.of("1.1.1.1", "255.255.255.255", "0.0.0.0")),
                Arguments.of("consumer.ipAddresses", List.of()),
                Arguments.of("transaction.currency", "XOF"),
                Arguments.of("transaction.currency", "ZWG"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("boundaries")
    void valuesAtTheLimitsPass(String field, Object value) {
        validator.validate(body(b -> set(b, field, value)), false);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                // required objects and fields
                Arguments.of("consumer", REMOVE, "MISSING_FIELD"),
                Arguments.of("consumer", null, "MISSING_FIELD"),
                Arguments.of("consumer", "me", "INVALID_TYPE"),
                Arguments.of("consumer.device", REMOVE, "MISSING_FIELD"),
                Arguments.of("consumer.device", List.of(), "INVALID_TYPE"),
                Arguments.of("consumer.device.serialNumber", REMOVE, "MISSING_FIELD"),
                Arguments.of("consumer.device.serialNumber", null, "MISSING_FIELD"),
                Arguments.of("consumer.device.serialNumber", 12345, "INVALID_TYPE"),
                Arguments.of("consumer.device.serialNumber", "", "INVALID_LENGTH"),
                Arguments.of("consumer.device.serialNumber", "S".repeat(51), "INVALID_LENGTH"),
                Arguments.of("transaction", REMOVE, "MISSING_FIELD"),
                Arguments.of("transaction", 1, "INVALID_TYPE"),
                Arguments.of("transaction.currency", REMOVE, "MISSING_FIELD"),
                Arguments.of("transaction.currency", 554, "INVALID_TYPE"),
                Arguments.of("transaction.currency", "NZ", "INVALID_LENGTH"),
                Arguments.of("transaction.currency", "NZDD", "INVALID_LENGTH"),
                Arguments.of("transaction.currency", "nzd", "INVALID_FORMAT"),
                Arguments.of("transaction.currency", "N2D", "INVALID_FORMAT"),
                Arguments.of("transaction.currency", "ABC", "UNKNOWN_CURRENCY"),
                Arguments.of("transaction.currency", "DEM", "UNKNOWN_CURRENCY"),
                Arguments.of("transaction.currency", "XTS", "UNKNOWN_CURRENCY"),
                Arguments.of("transaction.currency", "XAU", "UNKNOWN_CURRENCY"),
                Arguments.of("session", REMOVE, "MISSING_FIELD"),
                Arguments.of("session", "token", "INVALID_TYPE"),
                Arguments.of("session.accessToken", REMOVE, "MISSING_FIELD"),
                Arguments.of("session.accessToken", true, "INVALID_TYPE"),
                Arguments.of("session.accessToken", "t".repeat(31), "INVALID_LENGTH"),
                Arguments.of("session.accessToken", "t".repeat(129), "INVALID_LENGTH"),
                // optional fields
                Arguments.of("consumer.device.imei", 356938035643809L, "INVALID_TYPE"),
                Arguments.of("consumer.device.imei", "3569380356438", "INVALID_LENGTH"),
                Arguments.of("consumer.device.imei", "35693803564380912", "INVALID_LENGTH"),
                Arguments.of("consumer.device.imei", "35693803564380X", "INVALID_FORMAT"),
                Arguments.of("consumer.device.imei", "35693803564380\u0663", "INVALID_FORMAT"), // Arabic-Indic digit
                Arguments.of("location", "Auckland", "INVALID_TYPE"),
                Arguments.of("location.lat", "-36.8485", "INVALID_TYPE"),
                Arguments.of("location.lat", 90.0001, "OUT_OF_RANGE"),
                Arguments.of("location.lat", -91, "OUT_OF_RANGE"),
                Arguments.of("location.lng", "174.7633", "INVALID_TYPE"),
                Arguments.of("location.lng", 180.5, "OUT_OF_RANGE"),
                Arguments.of("location.lng", -181, "OUT_OF_RANGE"),
                Arguments.of("consumer.ipAddresses", "203.0.113.25", "INVALID_TYPE"),
                Arguments.of("consumer.ipAddresses[0]", List.of(42), "INVALID_TYPE"),
                Arguments.of("consumer.ipAddresses[0]", List.of("1.2.3"), "INVALID_LENGTH"),
                Arguments.of("consumer.ipAddresses[0]", List.of("1234.123.123.123"), "INVALID_LENGTH"),
                Arguments.of("consumer.ipAddresses[0]", List.of("203.0.113.256"), "INVALID_FORMAT"),
                Arguments.of("consumer.ipAddresses[0]", List.of("203.0.113.025"), "INVALID_FORMAT"),
                Arguments.of("consumer.ipAddresses[0]", List.of("203.0.113"), "INVALID_FORMAT"),
                Arguments.of("consumer.ipAddresses[0]", List.of("203.0.113.2.1"), "INVALID_FORMAT"),
                Arguments.of("consumer.ipAddresses[0]", List.of("2001:db8::1"), "INVALID_FORMAT"),
                Arguments.of("consumer.ipAddresses[1]", List.of("203.0.113.25", " 203.0.113.2"), "INVALID_FORMAT"),
                // unknown fields
                Arguments.of("amount", 10, "UNKNOWN_FIELD"),
                Arguments.of("consumer.ipAddress", List.of("203.0.113.25"), "UNKNOWN_FIELD"),
                Arguments.of("consumer.device.IMEI", "356938035643809", "UNKNOWN_FIELD"),
                Arguments.of("location.alt", 10, "UNKNOWN_FIELD"),
                Arguments.of("session.refreshToken", "x", "UNKNOWN_FIELD"),
                Arguments.of("transaction.amount", "10.00", "UNKNOWN_FIELD"));
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @MethodSource("violations")
    void everyRuleHasAFailingCaseNamingItsField(String field, Object value, String code) {
        String setAt = field.endsWith("]") ? field.substring(0, field.indexOf('[')) : field;
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> validator.validate(body(b -> set(b, setAt, value)), false));

        RequestProblem first = refused.first();
        assertEquals(field, first.field());
        assertEquals(code, first.code());
        assertTrue(first.message().contains(field), first.message());
        assertEquals(first.message(), refused.getMessage());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of(null, "MISSING_FIELD"),
                Arguments.of("", "MISSING_FIELD"),
                Arguments.of("  \n ", "MISSING_FIELD"),
                Arguments.of("{", "MALFORMED_JSON"),
                Arguments.of("{\"consumer\": }", "MALFORMED_JSON"),
                Arguments.of("{'consumer': {}}", "MALFORMED_JSON"),
                Arguments.of("{} {}", "MALFORMED_JSON"),
                Arguments.of("{}}", "MALFORMED_JSON"),
                Arguments.of("{\"location\": {\"lat\": NaN}}", "MALFORMED_JSON"),
                Arguments.of("{\"transaction\": {\"currency\": \"NZD\"}, \"transaction\": {\"currency\": \"AUD\"}}", "MALFORMED_JSON"),
                Arguments.of("[]", "INVALID_TYPE"),
                Arguments.of("\"consumer\"", "INVALID_TYPE"),
                Arguments.of("42", "INVALID_TYPE"),
                Arguments.of("null", "INVALID_TYPE"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badBodies")
    void bodiesThatAreNotAJsonObjectAreNamedAsTheBody(String body, String code) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(body, false));

        assertEquals("body", refused.first().field());
        assertEquals(code, refused.first().code());
        assertTrue(refused.first().message().contains("body"), refused.first().message());
        assertEquals(1, refused.problems().size());
    }

    @Test
    void aBodyOverSixteenKilobytesIsRefusedAndOneAtTheLimitIsRead() {
        String atLimit = SEED_EXAMPLE + " ".repeat(VerificationRequestValidator.MAX_BODY_BYTES - SEED_EXAMPLE.length());
        validator.validate(atLimit, false);

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(atLimit + " ", false));
        assertEquals("body", refused.first().field());
        assertEquals("BODY_TOO_LARGE", refused.first().code());
    }

    @Test
    void theLimitIsInBytesNotCharacters() {
        // 'Ō' is two bytes in UTF-8: the padding below stays under the limit in characters but not in bytes.
        int room = VerificationRequestValidator.MAX_BODY_BYTES - SEED_EXAMPLE.length();
        String body = SEED_EXAMPLE.replace("\"NZD\"}}", "\"NZD\"}, \"pad\": \"" + "\u014C".repeat(room / 2) + "\"}");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(body, false));
        assertEquals("BODY_TOO_LARGE", refused.first().code());
    }

    @Test
    void aBase64BodyIsDecodedAndLimitedByItsDecodedSize() {
        String encoded = Base64.getEncoder().encodeToString(SEED_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        assertEquals("R58M12ABCDE", validator.validate(encoded, true).serialNumber());

        String large = Base64.getEncoder().encodeToString(
                (SEED_EXAMPLE + " ".repeat(VerificationRequestValidator.MAX_BODY_BYTES)).getBytes(StandardCharsets.UTF_8));
        assertEquals("BODY_TOO_LARGE", assertThrows(InvalidRequestException.class, () -> validator.validate(large, true)).first().code());

        InvalidRequestException notBase64 = assertThrows(InvalidRequestException.class, () -> validator.validate("{not base64}", true));
        assertEquals("MALFORMED_BODY", notBase64.first().code());
        assertEquals("body", notBase64.first().field());
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedJson() {
        byte[] bytes = SEED_EXAMPLE.replace("R58M12ABCDE", "R58M12ABCD?").getBytes(StandardCharsets.UTF_8);
        bytes[SEED_EXAMPLE.indexOf("R58M12ABCDE") + 10] = (byte) 0xC3; // a lead byte with no continuation byte

        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> validator.validate(Base64.getEncoder().encodeToString(bytes), true));
        assertEquals("MALFORMED_JSON", refused.first().code());
    }

    /** The first problem follows the seed's table order, whatever the order of the body; all are listed. */
    @Test
    void severalProblemsAreAllListedAndTheFirstFollowsTheSeedOrder() {
        String body = "{\"location\": {\"lat\": 100}, \"transaction\": {\"currency\": \"usd\"}, \"extra\": 1, "
                + "\"consumer\": {\"ipAddresses\": [\"1.2.3.999\"], \"device\": {\"serialnumber\": \"R58M12ABCDE\"}}, "
                + "\"session\": {\"accessToken\": \"short\"}}";

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(body, false));

        assertEquals(List.of(
                "consumer.device.serialNumber MISSING_FIELD",
                "transaction.currency INVALID_FORMAT",
                "session.accessToken INVALID_LENGTH",
                "location.lat OUT_OF_RANGE",
                "consumer.ipAddresses[0] INVALID_FORMAT",
                "extra UNKNOWN_FIELD",
                "consumer.device.serialnumber UNKNOWN_FIELD"),
                refused.problems().stream().map(p -> p.field() + " " + p.code()).toList());
    }

    @Test
    void theListOfProblemsIsBounded() {
        String addresses = String.join(",", java.util.Collections.nCopies(200, "\"999.1.1.1\""));
        String body = SEED_EXAMPLE.replace("[\"203.0.113.25\"]", "[" + addresses + "]");

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(body, false));

        assertEquals(VerificationRequestValidator.MAX_PROBLEMS, refused.problems().size());
    }

    /** Messages name fields and rules; they never repeat what was sent, which may be the token or personal data. */
    @Test
    void messagesNeverRepeatTheValuesSent() {
        String longToken = "SECRET-TOKEN-" + "x".repeat(120);
        String body = SEED_EXAMPLE.replace(ACCESS_TOKEN, longToken).replace("356938035643809", "35693803564380Z")
                .replace("203.0.113.25", "203.0.113.255x");
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> validator.validate(body, false));
        assertEquals(3, refused.problems().size());

        InvalidRequestException malformed = assertThrows(InvalidRequestException.class,
                () -> validator.validate("{\"session\": {\"accessToken\": \"SECRET-TOKEN-abcdefghijklmnopqrstuvwxyz\" x", false));

        for (RequestProblem problem : Stream.concat(refused.problems().stream(), malformed.problems().stream()).toList()) {
            assertFalse(problem.message().contains("SECRET-TOKEN"), problem.message());
            assertFalse(problem.message().contains("35693803564380Z"), problem.message());
            assertFalse(problem.message().contains("203.0.113.255x"), problem.message());
        }
    }

    @Test
    void theRequestDoesNotPrintItsValues() {
        String printed = validator.validate(SEED_EXAMPLE, false).toString();

        for (String value : new String[] {ACCESS_TOKEN, "R58M12ABCDE", "356938035643809", "203.0.113.25", "36.8485"}) {
            assertFalse(printed.contains(value), printed);
        }
    }

    // --- building bodies from the seed example ------------------------------------------------------------------

    private static final Object REMOVE = new Object() {
        @Override
        public String toString() {
            return "(removed)";
        }
    };

    private static String body(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(SEED_EXAMPLE);
            change.accept(root);
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets (or with {@link #REMOVE} removes) the field at a dotted path, making objects on the way as needed. */
    private static void set(ObjectNode root, String path, Object value) {
        String[] names = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode next = parent.get(names[i]);
            parent = next instanceof ObjectNode object ? object : parent.putObject(names[i]);
        }
        String name = names[names.length - 1];
        if (value == REMOVE) {
            parent.remove(name);
        } else if (value == null) {
            parent.putNull(name);
        } else {
            parent.set(name, JSON.valueToTree(value));
        }
    }
}
