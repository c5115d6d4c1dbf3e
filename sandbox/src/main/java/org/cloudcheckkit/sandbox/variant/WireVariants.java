package org.cloudcheckkit.sandbox.variant;

import java.util.Collection;
import java.util.Set;

/** The wire variants a running sandbox serves: the configured ones until changed, and again after a reset. */
public final class WireVariants {

    private final Set<WireVariant> configured;
    private volatile Set<WireVariant> enabled;

    public WireVariants(Collection<WireVariant> configured) {
        this.configured = WireVariant.checked(configured);
        this.enabled = this.configured;
    }

    public static WireVariants none() {
        return new WireVariants(Set.of());
    }

    public boolean on(WireVariant variant) {
        return enabled.contains(variant);
    }

    /** Unmodifiable, in declaration order. */
    public Set<WireVariant> enabled() {
        return enabled;
    }

    /** Replaces the enabled set. */
    public void enable(Collection<WireVariant> variants) {
        enabled = WireVariant.checked(variants);
    }

    public void reset() {
        enabled = configured;
    }
}
