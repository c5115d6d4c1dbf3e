package org.cloudcheckkit.cloudcheck.go;

/** Which checks a recipient is asked to complete; at least one must be true. */
public record RequestTypes(Boolean verification, Boolean live, Boolean idscan, Boolean akahu, Boolean credfin) {

    public boolean any() {
        return isTrue(verification) || isTrue(live) || isTrue(idscan) || isTrue(akahu) || isTrue(credfin);
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
