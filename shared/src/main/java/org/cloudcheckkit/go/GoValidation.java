package org.cloudcheckkit.go;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cloudcheckkit.cloudcheck.CloudcheckRegion;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RequestTypes;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.validation.JsonObjectCheck;
import org.cloudcheckkit.validation.Problem;
import org.cloudcheckkit.validation.Problems;
import org.cloudcheckkit.validation.RedirectTargets;

/**
 * Checks Go request bodies with the rules seed 000 states before anything is sent, so a front end hears of every
 * problem at once and no billable call is made with a request Cloudcheck would refuse for them. What the seed does
 * not state - which parts of an address, how old a customer may be - is left for Cloudcheck to judge: its refusals
 * come back in the same problem format (ErrorMapping). Recipient problems use Cloudcheck's codes as their rule names.
 */
public final class GoValidation {
    public static final int MAX_RECIPIENTS = 500;

    private static final Pattern MOBILE = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PO_BOX = Pattern.compile(
            "(?i)\\b(p\\.?\\s*o\\.?\\s*box|post\\s+office\\s+box|private\\s+bag|locked\\s+bag|p\\.?\\s*o\\.?\\s*bag)\\b");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Set<String> ADDITIONAL_MEASURES = Set.of("live", "idscan", "akahu", "credfin");

    private static final Set<String> CREATE_FIELDS = Set.of("reference", "notifications", "notificationEmailAddress",
            "sendReminders", "completeUrl", "notificationUrl", "emailFrom", "replyTo", "emailSubject", "emailContent",
            "recipients", "allowPartial");
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
    private final CloudcheckRegion region;

    /**
     * @param enabledServices the additional measures enabled on the Cloudcheck account
     * @param redirects       where a request's completeUrl may send the customer
     * @param region          the account's Cloudcheck: an AU account's recipients have Australian addresses
     */
    public GoValidation(Clock clock, Set<String> enabledServices, RedirectTargets redirects, CloudcheckRegion region) {
        this.clock = clock;
        this.enabledServices = Set.copyOf(enabledServices);
        this.redirects = redirects;
        this.region = region;
    }

    /**
     * The body of POST /go/requests: /go/create/'s data, but for notificationUrl, which this service sets, and for
     * {@code allowPartial}, which is ours and not sent. By default one invalid recipient refuses the whole request.
     * With {@code "allowPartial": true} the request is sent with its valid recipients - what Cloudcheck itself does
     * with a list (seed 000: it "will not load" an invalid recipient) - and the invalid ones are reported; a problem
     * of the request itself, or no valid recipient at all, still refuses it.
     */
    public ValidatedCreate create(JsonNode body) {
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
        boolean allowPartial = Boolean.TRUE.equals(root.bool("allowPartial"));
        int given = root.isPresent() && body.path("recipients").isArray() ? body.get("recipients").size() : 0;
        Map<String, GoRecipient> checked = new LinkedHashMap<>();
        boolean anyEmail = false;
        for (JsonObjectCheck recipient : root.objects("recipients", 1, MAX_RECIPIENTS)) {
            GoRecipient value = recipient(recipient);
            checked.put(recipient.path(), value);
            anyEmail |= !isBlank(value.emailAddress());
        }
        // Seed 000: "Mandatory if recipient email addresses have been entered" - entered, whether or not sent.
        EmailMessage message = emailMessage(root, anyEmail);

        // A recipient's own problems are those under its path; any other is the request's, and refuses it whole.
        List<Problem> found = problems.found();
        List<Integer> sent = new ArrayList<>();
        List<GoRecipient> recipients = new ArrayList<>();
        List<Problem> refused = new ArrayList<>();
        for (int i = 0; i < given; i++) {
            String path = root.pathOf("recipients") + "[" + i + "]";
            List<Problem> own = found.stream().filter(problem -> isAbout(problem, path)).toList();
            if (own.isEmpty() && checked.containsKey(path)) {
                sent.add(i);
                recipients.add(checked.get(path));
            }
            refused.addAll(own);
        }
        boolean requestProblems = found.size() > refused.size();
        if (!allowPartial || requestProblems || recipients.isEmpty()) {
            problems.throwIfAny();
        }
        GoRequest request = new GoRequest(reference, notifications, notificationEmails, sendReminders, completeUrl, null,
                message.from, message.replyTo, message.subject, message.content, List.copyOf(recipients));
        return new ValidatedCreate(request, sent, given, refused);
    }

    private static boolean isAbout(Problem problem, String recipientPath) {
        return problem.field().equals(recipientPath) || problem.field().startsWith(recipientPath + ".");
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
        Name name = name(root);
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
        // With generateLink the link is handed back, not sent: nothing is emailed, so no email settings are needed.
        EmailMessage message = emailMessage(root, !isBlank(email) && !Boolean.TRUE.equals(generateLink));
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

    /**
     * A recipient needs a name and a way to be reached (an email address or a mobile number); a date of birth and an
     * address are optional - in Go the customer enters their own details in Cloudcheck's journey - and checked when
     * given.
     */
    private GoRecipient recipient(JsonObjectCheck recipient) {
        recipient.allowOnly(RECIPIENT_FIELDS);
        String reference = recipient.string("reference", false, 100);
        Name name = name(recipient);
        String email = email(recipient, "emailAddress");
        String mobile = mobile(recipient);
        if (recipient.isPresent() && !recipient.has("emailAddress") && !recipient.has("mobileNumber")) {
            recipient.problem("emailAddress", "REQUIRED_ONE_OF", "emailAddress or mobileNumber is required to reach the recipient");
        }
        String dateOfBirth = dateOfBirth(recipient);
        Address address = address(recipient);
        RequestTypes requestType = requestType(recipient);
        return new GoRecipient(reference, name, email, mobile, dateOfBirth, address, requestType);
    }

    /**
     * A name, with a given or a family name: seed 000 lists "Standard name fields" for a recipient without saying
     * which of them it needs, so either will do.
     */
    private static Name name(JsonObjectCheck check) {
        JsonObjectCheck name = check.object("name", false);
        if (!name.isPresent()) {
            if (check.isPresent() && !check.has("name")) {
                check.problem("name", "REQUIRED", "'name' is required, with a given or family name");
            }
            return null;
        }
        name.allowOnly(NAME_FIELDS);
        Name value = new Name(name.string("given", false, 100), name.string("middle", false, 100),
                name.string("family", false, 100));
        if (!name.has("given") && !name.has("family")) {
            check.problem("name", "REQUIRED", "'name' needs a given or family name");
        }
        return value;
    }

    private static String mobile(JsonObjectCheck check) {
        String mobile = check.string("mobileNumber", false, 20);
        if (!isBlank(mobile) && !MOBILE.matcher(mobile).matches()) {
            check.problem("mobileNumber", "INVALID_PHONE_NUMBER", "Enter a mobile number including the country code (eg. +64).");
            return null;
        }
        return mobile;
    }

    /** Seed 000: "in yyyy-MM-dd format"; a real date, and one that has been, since it is a birth. */
    private String dateOfBirth(JsonObjectCheck check) {
        String value = check.string("dateofbirth", false, 10);
        if (isBlank(value)) {
            return value;
        }
        try {
            LocalDate date = LocalDate.parse(value, DATE);
            if (date.isAfter(LocalDate.now(clock))) {
                check.problem("dateofbirth", "INVALID_DATE_OF_BIRTH", "Invalid date of birth: it is in the future");
            }
        } catch (DateTimeParseException e) {
            check.problem("dateofbirth", "INVALID_DATE_OF_BIRTH", "Invalid date of birth: use a real date as yyyy-MM-dd");
        }
        return value;
    }

    /**
     * Optional; when given, seed 000's two rules: "Must not be a PO Box", and "Australian addresses would include
     * state and no suburb" (on an AU account). Which other parts an address needs is Cloudcheck's to judge.
     */
    private Address address(JsonObjectCheck recipient) {
        JsonObjectCheck address = recipient.object("address", false);
        if (!address.isPresent()) {
            return null;
        }
        address.allowOnly(ADDRESS_FIELDS);
        Address value = new Address(address.string("unitnumber", false, 20), address.string("streetnumber", false, 20),
                address.string("streetname", false, 100), address.string("suburb", false, 100),
                address.string("city", false, 100), address.string("postcode", false, 10), address.string("state", false, 20));
        for (String text : new String[] {value.unitnumber(), value.streetnumber(), value.streetname(), value.suburb(),
                value.city(), value.postcode(), value.state()}) {
            if (text != null && PO_BOX.matcher(text).find()) {
                recipient.problem("address", "INVALID_ADDRESS", "Invalid address: a PO Box or private bag is not a residential address");
                break;
            }
        }
        if (region == CloudcheckRegion.AU) {
            if (!address.has("state")) {
                address.problem("state", "INVALID_ADDRESS", "Invalid address: an Australian address includes its state");
            }
            if (address.has("suburb")) {
                address.problem("suburb", "INVALID_ADDRESS", "Invalid address: an Australian address has no suburb");
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
