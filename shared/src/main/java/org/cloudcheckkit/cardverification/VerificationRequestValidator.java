package org.cloudcheckkit.cardverification;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an initiate-verification body against every rule of seed 003 and returns it as a {@link VerificationRequest},
 * or throws {@link InvalidRequestException} listing the problems.
 *
 * <p>Order, so that the first problem (the one the seed's single code and message report) is predictable: problems
 * with the body as a whole first (size, encoding, JSON syntax, not an object), which end the check; then the fields
 * in the order of the seed's parameter table: consumer, consumer.device, consumer.device.serialNumber, transaction,
 * transaction.currency, session, session.accessToken, consumer.device.imei, location, location.lat, location.lng,
 * consumer.ipAddresses and each of its items; then unknown fields, object by object in that order.
 *
 * <p>Unknown fields are refused, not ignored: a misspelt optional field ({@code IMEI}, {@code ipAddress}) would
 * otherwise be dropped silently, and with it the deny-list check it was meant to feed. A JSON {@code null} counts as
 * absent: missing when the field is required, not sent when it is optional.
 */
public final class VerificationRequestValidator {
    /**
     * A valid body is under 1 KB (the longest strings are 128 + 50 + 16 characters); 16 KB leaves room for a long
     * list of IP addresses and whitespace while keeping what is parsed and stored small.
     */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** The seed's lengths of the two values the session signature runs together (see {@link TokenReadings}). */
    static final int SERIAL_NUMBER_MAX_LENGTH = 50;
    static final int ACCESS_TOKEN_MIN_LENGTH = 32;
    static final int ACCESS_TOKEN_MAX_LENGTH = 128;
    /** At most this many problems are listed; the body size already bounds them, this bounds the answer more. */
    static final int MAX_PROBLEMS = 20;
    private static final int MAX_NAME_IN_PATH = 64;

    /** A field given twice is refused: which of the two values counts would otherwise depend on the parser. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern UPPER_CASE_LETTERS = Pattern.compile("[A-Z]{3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /**
     * @param body          the HTTP body as API Gateway gives it
     * @param base64Encoded API Gateway's {@code isBase64Encoded} flag for it
     */
    public VerificationRequest validate(String body, boolean base64Encoded) {
        JsonNode root = parse(bytes(body, base64Encoded));
        return validate(root);
    }

    private static byte[] bytes(String body, boolean base64Encoded) {
        if (body == null || body.isEmpty()) {
            throw invalid(RequestProblem.BODY, RequestProblem.MISSING_FIELD, "the body is required: a JSON object");
        }
        // Every character is at least one byte, and base64 is longer than what it encodes: checked before any copy.
        if (body.length() > (base64Encoded ? (MAX_BODY_BYTES / 3 + 1) * 4 : MAX_BODY_BYTES)) {
            throw tooLarge();
        }
        byte[] bytes;
        if (base64Encoded) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw invalid(RequestProblem.BODY, RequestProblem.MALFORMED_BODY, "the body is marked base64-encoded but is not");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            JsonToken after = root == null ? null : parser.nextToken();
            if (after != null) {
                throw invalid(RequestProblem.BODY, RequestProblem.MALFORMED_JSON,
                        "the body has more after its JSON value (line " + parser.currentLocation().getLineNr() + ")");
            }
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the input, which may hold the access token: only the position is kept.
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw invalid(RequestProblem.BODY, RequestProblem.MALFORMED_JSON, "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw invalid(RequestProblem.BODY, RequestProblem.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw invalid(RequestProblem.BODY, RequestProblem.MISSING_FIELD, "the body is required: a JSON object");
        }
        if (!root.isObject()) {
            throw invalid(RequestProblem.BODY, RequestProblem.INVALID_TYPE, "the body must be a JSON object");
        }
        return root;
    }

    private static VerificationRequest validate(JsonNode root) {
        Check check = new Check();
        JsonNode consumer = check.object(root, "consumer", true);
        JsonNode device = check.object(consumer, "consumer.device", true);
        String serialNumber = check.text(device, "consumer.device.serialNumber", true);
        if (serialNumber != null) {
            check.length(serialNumber, "consumer.device.serialNumber", 1, SERIAL_NUMBER_MAX_LENGTH);
        }

        JsonNode transaction = check.object(root, "transaction", true);
        String currency = check.text(transaction, "transaction.currency", true);
        if (currency != null && check.length(currency, "transaction.currency", 3, 3)) {
            if (!UPPER_CASE_LETTERS.matcher(currency).matches()) {
                check.add("transaction.currency", RequestProblem.INVALID_FORMAT,
                        "transaction.currency must be 3 upper-case letters (an ISO 4217 alphabetic code)");
            } else if (!Iso4217Currencies.isCurrent(currency)) {
                check.add("transaction.currency", RequestProblem.UNKNOWN_CURRENCY,
                        "transaction.currency is not a current ISO 4217 currency code");
            }
        }

        JsonNode session = check.object(root, "session", true);
        String accessToken = check.text(session, "session.accessToken", true);
        if (accessToken != null) {
            check.length(accessToken, "session.accessToken", ACCESS_TOKEN_MIN_LENGTH, ACCESS_TOKEN_MAX_LENGTH);
        }

        String imei = check.text(device, "consumer.device.imei", false);
        if (imei != null && check.length(imei, "consumer.device.imei", 14, 16) && !DIGITS.matcher(imei).matches()) {
            check.add("consumer.device.imei", RequestProblem.INVALID_FORMAT, "consumer.device.imei must be digits only");
        }

        JsonNode location = check.object(root, "location", false);
        Double latitude = check.number(location, "location.lat", -90, 90);
        Double longitude = check.number(location, "location.lng", -180, 180);

        List<String> ipAddresses = check.ipAddresses(consumer, "consumer.ipAddresses");

        check.onlyFields(root, "", Set.of("consumer", "transaction", "session", "location"));
        check.onlyFields(consumer, "consumer", Set.of("device", "ipAddresses"));
        check.onlyFields(device, "consumer.device", Set.of("serialNumber", "imei"));
        check.onlyFields(transaction, "transaction", Set.of("currency"));
        check.onlyFields(session, "session", Set.of("accessToken"));
        check.onlyFields(location, "location", Set.of("lat", "lng"));

        if (!check.problems.isEmpty()) {
            throw new InvalidRequestException(check.problems);
        }
        return new VerificationRequest(serialNumber, imei, ipAddresses, latitude, longitude, currency, accessToken);
    }

    private static InvalidRequestException invalid(String field, String code, String message) {
        return new InvalidRequestException(List.of(new RequestProblem(field, code, message)));
    }

    private static InvalidRequestException tooLarge() {
        return invalid(RequestProblem.BODY, RequestProblem.BODY_TOO_LARGE, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** The problems found so far, and the checks that add to them. A null parent means: not there, already reported. */
    private static final class Check {
        private final List<RequestProblem> problems = new ArrayList<>();

        void add(String field, String code, String message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new RequestProblem(field, code, message));
            }
        }

        JsonNode object(JsonNode parent, String path, boolean required) {
            JsonNode value = child(parent, path);
            if (value == null) {
                if (required && parent != null) {
                    add(path, RequestProblem.MISSING_FIELD, path + " is required");
                }
                return null;
            }
            if (!value.isObject()) {
                add(path, RequestProblem.INVALID_TYPE, path + " must be an object");
                return null;
            }
            return value;
        }

        String text(JsonNode parent, String path, boolean required) {
            JsonNode value = child(parent, path);
            if (value == null) {
                if (required && parent != null) {
                    add(path, RequestProblem.MISSING_FIELD, path + " is required");
                }
                return null;
            }
            if (!value.isTextual()) {
                add(path, RequestProblem.INVALID_TYPE, path + " must be a string");
                return null;
            }
            return value.textValue();
        }

        /** Length in characters (code points), as a person or the app counts them. */
        boolean length(String text, String path, int min, int max) {
            int length = text.codePointCount(0, text.length());
            if (length < min || length > max) {
                add(path, RequestProblem.INVALID_LENGTH, path + " must be "
                        + (min == max ? min + " characters" : min + " to " + max + " characters") + " long");
                return false;
            }
            return true;
        }

        Double number(JsonNode parent, String path, double min, double max) {
            JsonNode value = child(parent, path);
            if (value == null) {
                return null;
            }
            if (!value.isNumber()) {
                add(path, RequestProblem.INVALID_TYPE, path + " must be a number");
                return null;
            }
            double number = value.doubleValue();
            if (!(number >= min && number <= max)) {
                add(path, RequestProblem.OUT_OF_RANGE, path + " must be from " + (int) min + " to " + (int) max + " inclusive");
                return null;
            }
            return number;
        }

        List<String> ipAddresses(JsonNode consumer, String path) {
            List<String> addresses = new ArrayList<>();
            JsonNode value = child(consumer, path);
            if (value == null) {
                return addresses;
            }
            if (!value.isArray()) {
                add(path, RequestProblem.INVALID_TYPE, path + " must be a list");
                return addresses;
            }
            for (int i = 0; i < value.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode item = value.get(i);
                if (!item.isTextual()) {
                    add(itemPath, RequestProblem.INVALID_TYPE, itemPath + " must be a string");
                    continue;
                }
                String address = item.textValue();
                if (!length(address, itemPath, 7, 15)) {
                    continue;
                }
                OptionalInt parsed = Ipv4Address.parse(address);
                if (parsed.isEmpty()) {
                    add(itemPath, RequestProblem.INVALID_FORMAT,
                            itemPath + " must be a dotted IPv4 address such as 203.0.113.7 (0-255, no leading zeros)");
                    continue;
                }
                addresses.add(address);
            }
            return addresses;
        }

        void onlyFields(JsonNode object, String path, Set<String> known) {
            if (object == null) {
                return;
            }
            Iterator<String> names = object.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    String shown = name.length() > MAX_NAME_IN_PATH ? name.substring(0, MAX_NAME_IN_PATH) + "..." : name;
                    String field = path.isEmpty() ? shown : path + "." + shown;
                    add(field, RequestProblem.UNKNOWN_FIELD, field + " is not a field of this request; "
                            + (path.isEmpty() ? "the body" : path) + " has only " + String.join(", ", known.stream().sorted().toList()));
                }
            }
        }

        /** The last segment of {@code path} in {@code parent}; null when the parent or the field is absent or null. */
        private static JsonNode child(JsonNode parent, String path) {
            if (parent == null) {
                return null;
            }
            JsonNode value = parent.get(path.substring(path.lastIndexOf('.') + 1));
            return value == null || value.isNull() ? null : value;
        }
    }
}
