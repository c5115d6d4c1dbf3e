package org.cloudcheckkit.sandbox.account;

import java.util.Locale;

/**
 * The checks a Go recipient can be asked to complete (seed 000, requestType). Verification is always available;
 * the other four are "additional measures" that must be enabled for the account.
 */
public enum Service {
    VERIFICATION("verification"),
    LIVE("live"),
    IDSCAN("idscan"),
    AKAHU("akahu"),
    CREDFIN("credfin");

    private final String wireName;

    Service(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requestType objects and on the command line. */
    public String wireName() {
        return wireName;
    }

    public static Service fromWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Service service : values()) {
            if (service.wireName.equals(wanted)) {
                return service;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + name + "': use verification, live, idscan, akahu or credfin");
    }
}
