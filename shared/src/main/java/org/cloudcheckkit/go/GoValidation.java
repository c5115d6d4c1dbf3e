package org.cloudcheckkit.go;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RequestTypes;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.validation.JsonObjectCheck;
import org.cloudcheckkit.validation.RedirectTargets;
import org.cloudcheckkit.validation.Problems;

/**
 * Checks Go request bodies with Cloudcheck's own rules (seed 000, as the sandbox applies them) before anything is
 * sent, so a front end hears of every problem at once and no billable call is made with a request Cloudcheck would
 * refuse. Recipient problems use Cloudcheck's codes as their rule names.
 */
public final class GoValidation {
    public static final int MAX_RECIPIENTS = 500;

    private static final Pattern MOBILE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PO_BOX = Pattern.compile(
            "(?i)\\b(p\\.?\\s*o\\.?\\s*box|post\\s+office\\s+box|private\\s+bag|locked\\s+bag|p\\.?\\s*o\\.?\\s*bag)\\b");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final Set<String> ADDITIONAL_MEASURES = Set.of("live", "idscan", "akahu", "credfin");

    private static final Set<String> CREATE_FIELDS = Set.of("reference", "notifications", "notificationEmailAddress",
            "sendReminders", "completeUrl", "notificationUrl", "emailFrom", "replyTo", "emailSubject", "emailContent",
            "recipients");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("reference", "name", "emailAddress", "mobileNumber",
            "dateofbirth", "address", "requestType");
    private static final Set<String> QUICKSEND_FIELDS = Set.of("reference", "name", "emailAddress", "mobileNumber",
            "generateLink", "requestType", "completeUrl", "notificationUrl", "emailFrom", "replyTo", "emailSubject",
            "emailContent");
    private static final Set<String> NAME_FIELDS = Set.of("given", "middle", "family");
    private static final Set<String> ADDRESS_FIELDS = Set.of("unitnumber", "streetnumber", "streetname", "suburb", "city",
            "postcode", "state");
    private static final Set<String> REQUEST_TYPE_FIELDS = Set.of("verification", "live", "idscan", "akahu", "credfin");
    private static final Set<String> SEND_FIELDS = Set.of("test", "testEmailAddress", "testMobileNumber");
    private static final Set<String> CANCEL_FIELDS = Set.of("recipientTokens");

    private final Clock clock;
    private final Set<String> enabledServices;
    private final RedirectTargets redirects;

    /**
     * @param enabledServices the additional measures enabled on the Cloudcheck account
     * @param redirects       where a request's completeUrl may send the customer
     */
    public GoValidation(Clock clock, Set<String> enabledServices, RedirectTargets redirects) {
        this.clock = clock;
        this.enabledServices = Set.copyOf(enabledServices);
        this.redirects = redirects;
    }

    /** The body of POST /go/requests: /go/create/'s data, but for notificationUrl, which this service sets. */
    public GoRequest create(JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(CREATE_FIELDS);
        String reference = root.string("reference", false, 100);
        Boolean notifications = root.bool("notifications");
        String notificationEmails = root.string("notificationEmailAddress", false, 1000);
        if (Boolean.TRUE.equals(notifications)) {
            checkEmailList(root, "notificationEmailAddress", notificationEmails);
        }
        Boolean sendReminders = root.bool("sendReminders");
        String completeUrl = root.redirectUrl("completeUrl", redirects);
        refuseNotificationUrl(root);
        List<GoRecipient> recipients = new ArrayList<>();
        boolean anyEmail = false;
        for (JsonObjectCheck recipient : root.objects("recipients", 1, MAX_RECIPIENTS)) {
            GoRecipient checked = recipient(recipient);
            recipients.add(checked);
            anyEmail |= checked.emailAddress() != null && !checked.emailAddress().isBlank();
        }
        EmailMessage message = emailMessage(root, anyEmail);
        problems.throwIfAny();
        return new GoRequest(reference, notifications, notificationEmails, sendReminders, completeUrl, null,
                message.from, message.replyTo, message.subject, message.content, List.copyOf(recipients));
    }

    /** The body of POST /go/requests/{goApiReference}/recipients and PUT .../recipients/{recipientToken}. */
    public GoRecipient recipient(JsonNode body) {
        Problems problems = new Problems();
        GoRecipient recipient = recipient(JsonObjectCheck.root(problems, body));
        problems.throwIfAny();
        return recipient;
    }

    /** The body of POST /go/quicksend: /go/quicksend/'s data, but for notificationUrl. */
    public QuickSendRequest quickSend(JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(QUICKSEND_FIELDS);
        String reference = root.string("reference", false, 100);
        Name name = name(root.object("name", false));
        String email = email(root, "emailAddress");
        String mobile = mobile(root);
        Boolean generateLink = root.bool("generateLink");
        if (!Boolean.TRUE.equals(generateLink) && isBlank(email) && isBlank(mobile) && root.isPresent()) {
            root.problem("emailAddress", "REQUIRED_ONE_OF",
                    "emailAddress or mobileNumber is required unless generateLink is true");
        }
        RequestTypes requestType = requestType(root);
        String completeUrl = root.redirectUrl("completeUrl", redirects);
        refuseNotificationUrl(root);
        EmailMessage message = emailMessage(root, !isBlank(email));
        problems.throwIfAny();
        return new QuickSendRequest(reference, name, email, mobile, generateLink, requestType, completeUrl, null,
                message.from, message.replyTo, message.subject, message.content);
    }

    /** The body of POST /go/requests/{goApiReference}/send; an empty body sends the real messages. */
    public SendRequest send(String goApiReference, JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(SEND_FIELDS);
        Boolean test = root.bool("test");
        String testEmail = email(root, "testEmailAddress");
        String testMobile = root.string("testMobileNumber", false, 20);
        if (testMobile != null && !testMobile.isBlank() && !MOBILE.matcher(testMobile).matches()) {
            root.problem("testMobileNumber", "INVALID_PHONE_NUMBER", "Enter a mobile number including the country code (eg. +64).");
        }
        if (Boolean.TRUE.equals(test) && isBlank(testEmail) && isBlank(testMobile)) {
            root.problem("testEmailAddress", "REQUIRED_ONE_OF", "a test send needs testEmailAddress or testMobileNumber");
        }
        problems.throwIfAny();
        return new SendRequest(goApiReference, Boolean.TRUE.equals(test), testEmail, testMobile);
    }

    /** The body of POST /go/requests/{goApiReference}/cancel. */
    public CancelRecipients cancel(String goApiReference, JsonNode body) {
        Problems problems = new Problems();
        JsonObjectCheck root = JsonObjectCheck.root(problems, body);
        root.allowOnly(CANCEL_FIELDS);
        List<String> tokens = root.strings("recipientTokens", 1, MAX_RECIPIENTS, 200);
        problems.throwIfAny();
        return new CancelRecipients(goApiReference, tokens);
    }

    private GoRecipient recipient(JsonObjectCheck recipient) {
        recipient.allowOnly(RECIPIENT_FIELDS);
        String reference = recipient.string("reference", false, 100);
        Name name = name(recipient.object("name", false));
        String email = email(recipient, "emailAddress");
        String mobile = mobile(recipient);
        String dateOfBirth = dateOfBirth(recipient);
        Address address = address(recipient);
        RequestTypes requestType = requestType(recipient);
        return new GoRecipient(reference, name, email, mobile, dateOfBirth, address, requestType);
    }

    private static Name name(JsonObjectCheck name) {
        if (!name.isPresent()) {
            return null;
        }
        name.allowOnly(NAME_FIELDS);
        return new Name(name.string("given", false, 100), name.string("middle", false, 100), name.string("family", false, 100));
    }

    private static String mobile(JsonObjectCheck check) {
        String mobile = check.string("mobileNumber", false, 20);
        if (!isBlank(mobile) && !MOBILE.matcher(mobile).matches()) {
            check.problem("mobileNumber", "INVALID_PHONE_NUMBER", "Enter a mobile number including the country code (eg. +64).");
            return null;
        }
        return mobile;
    }

    private String dateOfBirth(JsonObjectCheck check) {
        String value = check.string("dateofbirth", false, 10);
        if (isBlank(value)) {
            return value;
        }
        try {
            LocalDate date = LocalDate.parse(value, DATE);
            if (date.isAfter(LocalDate.now(clock)) || date.isBefore(EARLIEST_BIRTH)) {
                check.problem("dateofbirth", "INVALID_DATE_OF_BIRTH", "Invalid date of birth: it must be between 1900-01-01 and today");
            }
        } catch (DateTimeParseException e) {
            check.problem("dateofbirth", "INVALID_DATE_OF_BIRTH", "Invalid date of birth: use a real date as yyyy-MM-dd");
        }
        return value;
    }

    private static Address address(JsonObjectCheck recipient) {
        JsonObjectCheck address = recipient.object("address", false);
        if (!address.isPresent()) {
            recipient.problem("address", "INVALID_ADDRESS", "Invalid address: an address is required");
            return null;
        }
        address.allowOnly(ADDRESS_FIELDS);
        Address value = new Address(address.string("unitnumber", false, 20), address.string("streetnumber", false, 20),
                address.string("streetname", false, 100), address.string("suburb", false, 100),
                address.string("city", false, 100), address.string("postcode", false, 10), address.string("state", false, 20));
        if (isBlank(value.streetname())) {
            address.problem("streetname", "INVALID_ADDRESS", "Invalid address: streetname is required");
        }
        if (isBlank(value.city())) {
            address.problem("city", "INVALID_ADDRESS", "Invalid address: city is required");
        }
        for (String text : new String[] {value.unitnumber(), value.streetnumber(), value.streetname(), value.suburb(),
                value.city()}) {
            if (text != null && PO_BOX.matcher(text).find()) {
                recipient.problem("address", "INVALID_ADDRESS", "Invalid address: a PO Box or private bag is not a residential address");
                break;
            }
        }
        return value;
    }

    private RequestTypes requestType(JsonObjectCheck check) {
        JsonObjectCheck types = check.object("requestType", false);
        if (!types.isPresent()) {
            check.problem("requestType", "MISSING_SERVICE",
                    "Please select either verification or an additional measure (e.g. Cloudcheck Live, IDscan, Akahu or Credfin).");
            return null;
        }
        types.allowOnly(REQUEST_TYPE_FIELDS);
        RequestTypes value = new RequestTypes(types.bool("verification"), types.bool("live"), types.bool("idscan"),
                types.bool("akahu"), types.bool("credfin"));
        if (!value.any()) {
            check.problem("requestType", "MISSING_SERVICE",
                    "Please select either verification or an additional measure (e.g. Cloudcheck Live, IDscan, Akahu or Credfin).");
        }
        for (String measure : ADDITIONAL_MEASURES) {
            if (requested(value, measure) && !enabledServices.contains(measure)) {
                types.problem(measure, "SERVICE_NOT_AVAILABLE",
                        "An additional measure (" + measure + ") has been requested but is not available on this Cloudcheck account.");
            }
        }
        return value;
    }

    private static boolean requested(RequestTypes types, String measure) {
        Boolean value = switch (measure) {
            case "live" -> types.live();
            case "idscan" -> types.idscan();
            case "akahu" -> types.akahu();
            default -> types.credfin();
        };
        return Boolean.TRUE.equals(value);
    }

    private record EmailMessage(String from, String replyTo, String subject, String content) {
    }

    /** emailFrom, replyTo and emailSubject are mandatory once any recipient has an email address. */
    private static EmailMessage emailMessage(JsonObjectCheck root, boolean anyEmail) {
        String from = root.string("emailFrom", false, 100);
        String replyTo = email(root, "replyTo");
        String subject = root.string("emailSubject", false, 200);
        String content = root.string("emailContent", false, 100_000);
        if (anyEmail && root.isPresent()) {
            requireForEmail(root, "emailFrom", from);
            requireForEmail(root, "replyTo", replyTo);
            requireForEmail(root, "emailSubject", subject);
        }
        return new EmailMessage(from, replyTo, subject, content);
    }

    private static void requireForEmail(JsonObjectCheck root, String field, String value) {
        if (isBlank(value)) {
            root.problem(field, "REQUIRED_WITH_EMAIL", "'" + field + "' is required when a recipient has an email address");
        }
    }

    private static String email(JsonObjectCheck check, String field) {
        String value = check.string(field, false, 254);
        if (!isBlank(value) && !EMAIL.matcher(value).matches()) {
            check.problem(field, "EMAIL", "'" + field + "' must be an email address");
            return null;
        }
        return value;
    }

    private static void checkEmailList(JsonObjectCheck root, String field, String value) {
        if (isBlank(value)) {
            root.problem(field, "REQUIRED", "'" + field + "' is required when notifications is true");
            return;
        }
        for (String address : value.split(",")) {
            if (!EMAIL.matcher(address.strip()).matches()) {
                root.problem(field, "EMAIL", "'" + field + "' must be a comma-separated list of email addresses");
                return;
            }
        }
    }

    private static void refuseNotificationUrl(JsonObjectCheck root) {
        if (root.string("notificationUrl", false, 2048) != null) {
            root.problem("notificationUrl", "SET_BY_SERVICE",
                    "notificationUrl is set by this service to its own callback route, so that results are archived");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
