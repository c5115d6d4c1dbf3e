package org.cloudcheckkit.sandbox.go;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cloudcheckkit.sandbox.account.Service;

/** The recipient rules of WIRE.md, in order; the first rule broken gives the error. */
final class RecipientValidator {

    private static final Pattern MOBILE_NUMBER = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern DATE_OF_BIRTH = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern PO_BOX = Pattern.compile("\\b(?:p\\.?\\s*o\\.?\\s*box|post\\s+office\\s+box"
            + "|private\\s+bag|locked\\s+bag|p\\.?\\s*o\\.?\\s*bag)\\b", Pattern.CASE_INSENSITIVE);
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final Set<Service> enabledServices;
    private final LocalDate today;

    RecipientValidator(Set<Service> enabledServices, LocalDate today) {
        this.enabledServices = Set.copyOf(enabledServices);
        this.today = today;
    }

    /** Rules 1 to 5, for create, add-recipient and edit-recipient. */
    Optional<RecipientError> check(JsonNode recipient) {
        if (!hasValidMobile(recipient)) {
            return Optional.of(RecipientError.INVALID_PHONE_NUMBER);
        }
        if (!hasValidDateOfBirth(recipient.get("dateofbirth"))) {
            return Optional.of(RecipientError.INVALID_DATE_OF_BIRTH);
        }
        if (!isStreetAddress(recipient.get("address"))) {
            return Optional.of(RecipientError.INVALID_ADDRESS);
        }
        return checkServices(recipient);
    }

    /** Rules 1, 4 and 5: quick send asks for no date of birth or address. */
    Optional<RecipientError> checkQuickSend(JsonNode request) {
        if (!hasValidMobile(request)) {
            return Optional.of(RecipientError.INVALID_PHONE_NUMBER);
        }
        return checkServices(request);
    }

    static boolean isMobileNumber(String text) {
        return MOBILE_NUMBER.matcher(text).matches();
    }

    /** The services a requestType object asks for: those set to JSON true. */
    static Set<Service> requestedServices(JsonNode requestType) {
        Set<Service> requested = EnumSet.noneOf(Service.class);
        for (Service service : Service.values()) {
            JsonNode flag = requestType.path(service.wireName());
            if (flag.isBoolean() && flag.booleanValue()) {
                requested.add(service);
            }
        }
        return requested;
    }

    private Optional<RecipientError> checkServices(JsonNode json) {
        Set<Service> requested = requestedServices(json.path("requestType"));
        if (requested.isEmpty()) {
            return Optional.of(RecipientError.MISSING_SERVICE);
        }
        if (!enabledServices.containsAll(requested)) {
            return Optional.of(RecipientError.SERVICE_NOT_AVAILABLE);
        }
        return Optional.empty();
    }

    private static boolean hasValidMobile(JsonNode json) {
        JsonNode mobile = json.get("mobileNumber");
        if (isAbsent(mobile)) {
            return true;
        }
        return mobile.isTextual() && isMobileNumber(mobile.textValue());
    }

    private boolean hasValidDateOfBirth(JsonNode dateOfBirth) {
        if (isAbsent(dateOfBirth)) {
            return true;
        }
        if (!dateOfBirth.isTextual() || !DATE_OF_BIRTH.matcher(dateOfBirth.textValue()).matches()) {
            return false;
        }
        try {
            LocalDate date = LocalDate.parse(dateOfBirth.textValue());
            return !date.isBefore(EARLIEST_BIRTH) && !date.isAfter(today);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Seed 000 does not require an address - in Go the customer enters their own details in the journey - so an
     * absent one passes; a given one is held to the sandbox's street-address rule.
     */
    private static boolean isStreetAddress(JsonNode address) {
        if (address == null || address.isNull()) {
            return true;
        }
        if (!address.isObject()
                || address.path("streetname").asText("").isBlank()
                || address.path("city").asText("").isBlank()) {
            return false;
        }
        for (Iterator<JsonNode> fields = address.elements(); fields.hasNext(); ) {
            JsonNode field = fields.next();
            if (field.isTextual() && PO_BOX.matcher(field.textValue()).find()) {
                return false;
            }
        }
        return true;
    }

    /** Seed 000 treats an empty value like an absent one. */
    private static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.textValue().isEmpty();
    }
}
