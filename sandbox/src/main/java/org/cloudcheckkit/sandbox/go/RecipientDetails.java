package org.cloudcheckkit.sandbox.go;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.account.Service;

/**
 * A recipient as its request described it, read after validation.
 *
 * @param emailAddress null when not given
 * @param mobileNumber null when not given
 * @param name         "given middle family", or empty
 */
record RecipientDetails(String reference, String name, String emailAddress, String mobileNumber,
                               Set<Service> services) {

    public RecipientDetails {
        services = Set.copyOf(services);
    }

    static RecipientDetails from(JsonNode recipient) {
        return new RecipientDetails(text(recipient, "reference"), fullName(recipient.path("name")),
                text(recipient, "emailAddress"), text(recipient, "mobileNumber"),
                RecipientValidator.requestedServices(recipient.path("requestType")));
    }

    boolean hasEmail() {
        return emailAddress != null;
    }

    boolean hasMobile() {
        return mobileNumber != null;
    }

    /** Whether the recipient would be reached somewhere else than before. */
    boolean contactDiffersFrom(RecipientDetails other) {
        return !Objects.equals(emailAddress, other.emailAddress)
                || !Objects.equals(mobileNumber, other.mobileNumber);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static String fullName(JsonNode name) {
        return Stream.of("given", "middle", "family")
                .map(part -> text(name, part))
                .filter(part -> part != null)
                .collect(Collectors.joining(" "));
    }
}
