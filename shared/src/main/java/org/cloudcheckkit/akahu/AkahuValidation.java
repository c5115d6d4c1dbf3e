package org.cloudcheckkit.akahu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReview;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.validation.JsonObjectCheck;
import org.cloudcheckkit.validation.RedirectTargets;
import org.cloudcheckkit.validation.Problems;

/** Checks Akahu request bodies with Cloudcheck's rules (seed 002) before anything is sent. */
public final class AkahuValidation {
    private static final Set<String> INITIATE_FIELDS = Set.of("callback", "reference", "notificationUrl", "webhookUrl",
            "name", "address", "verificationReference");
    private static final Set<String> NAME_FIELDS = Set.of("given", "middle", "family");
    private static final Set<String> ADDRESS_FIELDS = Set.of("unitnumber", "streetnumber", "streetname", "suburb", "city",
            "postcode", "state");
    private static final Set<String> REVIEW_FIELDS = Set.of("reviewDecision", "notes");
    private static final Set<String> DECISIONS = Set.of("APPROVED", "REJECTED");

    private final String defaultCallback;
    private final RedirectTargets redirects;

    /**
     * @param defaultCallback where customers return to when a request names no callback (may be empty)
     * @param redirects       where a request's own callback may send them
     */
    public AkahuValidation(String defaultCallback, RedirectTargets redirects) {
        this.defaultCallback = defaultCallback == null || defaultCallback.isBlank() ? null : defaultCallback;
        this.redirects = redirects;
    }

    /** The body of POST /akahu/sessions: /akahu/initiate/'s data, but for the URLs this service sets. */
    public AkahuInitiateRequest initiate(JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(INITIATE_FIELDS);
        String callback = root.redirectUrl("callback", redirects);
        if (callback == null && defaultCallback == null && root.isPresent() && problems.isEmpty()) {
            root.problem("callback", "REQUIRED", "'callback' is required: the URL the customer returns to after Akahu");
        }
        String reference = root.string("reference", false, 100);
        for (String field : new String[] {"notificationUrl", "webhookUrl"}) {
            if (root.string(field, false, 2048) != null) {
                root.problem(field, "SET_BY_SERVICE", field + " is set by this service to its own callback route");
            }
        }
        Name name = null;
        JsonObjectCheck nameCheck = root.object("name", false);
        if (nameCheck.isPresent()) {
            nameCheck.allowOnly(NAME_FIELDS);
            name = new Name(nameCheck.string("given", false, 100), nameCheck.string("middle", false, 100),
                    nameCheck.string("family", false, 100));
        }
        Address address = null;
        JsonObjectCheck addressCheck = root.object("address", false);
        if (addressCheck.isPresent()) {
            addressCheck.allowOnly(ADDRESS_FIELDS);
            address = new Address(addressCheck.string("unitnumber", false, 20), addressCheck.string("streetnumber", false, 20),
                    addressCheck.string("streetname", false, 100), addressCheck.string("suburb", false, 100),
                    addressCheck.string("city", false, 100), addressCheck.string("postcode", false, 10),
                    addressCheck.string("state", false, 20));
        }
        String verificationReference = root.string("verificationReference", false, 100);
        problems.throwIfAny();
        return new AkahuInitiateRequest(callback != null ? callback : defaultCallback, reference, null, null, name, address,
                verificationReference);
    }

    /** The body of POST /akahu/sessions/{token}/review. */
    public AkahuReview review(String token, JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(REVIEW_FIELDS);
        String decision = root.string("reviewDecision", true, 20);
        if (decision != null && !DECISIONS.contains(decision)) {
            root.problem("reviewDecision", "ONE_OF", "'reviewDecision' must be APPROVED or REJECTED");
        }
        String notes = root.string("notes", false, 2000);
        problems.throwIfAny();
        return new AkahuReview(token, decision, notes);
    }
}
