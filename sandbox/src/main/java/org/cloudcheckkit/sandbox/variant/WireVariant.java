package org.cloudcheckkit.sandbox.variant;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Another plausible shape of the real Cloudcheck's answers, where the seeds lost their examples and WIRE.md had to
 * guess. Each is switched on independently; with none, the sandbox serves WIRE.md's guesses. WIRE.md's "Guesses and
 * their variants" says which guess each replaces and why it is plausible.
 */
public enum WireVariant {

    /** /go/create/: an accepted recipient's outcome is {@code {"reference","status"}}, with no recipientToken or link. */
    CREATE_WITHOUT_TOKENS(null),
    /** /go/result/: no {@code status} and no {@code statusDate}; the sections alone. */
    RESULT_WITHOUT_STATUS(null),
    /**
     * /go/result/: the {@code live} section is {@code {"error","message"}}: 111 when Live was asked for, 108 when it
     * was not; the other sections as usual.
     */
    RESULT_SECTION_ERROR(null),
    /** /go/pdfs/retrieve/: the zip comes as {@code application/octet-stream}. */
    ZIP_AS_OCTET_STREAM(Group.ZIP_CONTENT_TYPE),
    /** /go/pdfs/retrieve/: the zip comes as {@code application/x-zip-compressed}. */
    ZIP_AS_X_ZIP_COMPRESSED(Group.ZIP_CONTENT_TYPE),
    /** /akahu/initiate/: the customer's URL is under {@code link} instead of {@code url}. */
    AKAHU_LINK_AS_LINK(null),
    /** /go/pdfs/retrieve/ of a stale job: error 102 (fields=token, HTTP 400) "Missing or invalid token", not 105. */
    STALE_ZIP_OTHER_CODE(Group.STALE_ZIP),
    /** /go/pdfs/retrieve/ of a stale job: HTTP 200 {@code {"message":"Missing or invalid token"}}, with no code. */
    STALE_ZIP_WITHOUT_CODE(Group.STALE_ZIP),
    /**
     * Callbacks with what seeds 001 and 002 say may be added: webhooks (account and Akahu) carry extra fields and are
     * preceded by ones of types not in today's lists; a Go notification of status {@value #UNKNOWN_GO_STATUS} comes
     * before Opened.
     */
    UNKNOWN_WEBHOOK_TYPES(null);

    /** The Go notification status that {@link #UNKNOWN_WEBHOOK_TYPES} sends before Opened. */
    public static final String UNKNOWN_GO_STATUS = "Viewed";
    /** The requestType of the extra account webhook {@link #UNKNOWN_WEBHOOK_TYPES} sends before each automatic one. */
    public static final String UNKNOWN_REQUEST_TYPE = "ADDRESS_CHECK";
    /** The eventType of the extra account webhook (same requestType) sent before each automatic one. */
    public static final String UNKNOWN_ACCOUNT_EVENT_TYPE = "NOTE_ADDED";
    /** The eventType of the extra Akahu webhook sent before each STATUS_CHANGE. */
    public static final String UNKNOWN_AKAHU_EVENT_TYPE = "ACCOUNTS_REFRESHED";

    /** Variants that choose the same thing differently: at most one of a group can be on. */
    private enum Group {
        ZIP_CONTENT_TYPE, STALE_ZIP
    }

    private final Group group;

    WireVariant(Group group) {
        this.group = group;
    }

    /** The constant name, ignoring case; '-' may stand for '_'. */
    public static WireVariant parse(String text) {
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (WireVariant variant : values()) {
            if (variant.name().equals(wanted)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("Unknown wire variant '" + text + "'; use any of "
                + Arrays.toString(values()));
    }

    /** A comma-separated list of names; blank gives none. */
    public static Set<WireVariant> parseList(String text) {
        Set<WireVariant> variants = EnumSet.noneOf(WireVariant.class);
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                variants.add(parse(name));
            }
        }
        return checked(variants);
    }

    /**
     * An unmodifiable copy.
     *
     * @throws IllegalArgumentException when two variants choose the same thing (two zip content types, say)
     */
    public static Set<WireVariant> checked(Collection<WireVariant> variants) {
        Set<WireVariant> copy = variants.isEmpty() ? EnumSet.noneOf(WireVariant.class) : EnumSet.copyOf(variants);
        for (Group group : Group.values()) {
            Set<WireVariant> rivals = copy.stream().filter(variant -> variant.group == group)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(WireVariant.class)));
            if (rivals.size() > 1) {
                throw new IllegalArgumentException("At most one of " + rivals + " can be on: they answer the same"
                        + " thing differently");
            }
        }
        return Collections.unmodifiableSet(copy);
    }
}
