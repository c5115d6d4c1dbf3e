package org.cloudcheckkit.bench.crac;

/**
 * A CRaC implementation's resource, as {@code org.crac.Core} looks it up by name (see {@link Core}). org.crac hands
 * each resource a function registers to {@link Context#register} as a proxy of this interface.
 */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
