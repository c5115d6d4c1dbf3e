package org.cloudcheckkit.functions.crash;

import org.cloudcheckkit.crash.CrashPoint;

/**
 * The process dies here: an Error, so no handler, mapping or catch-all of the code under test turns it into an
 * answer - what follows the point does not run, as after a kill, a timeout or running out of memory.
 */
public final class SimulatedCrash extends Error {
    public SimulatedCrash(CrashPoint point) {
        super("simulated crash at " + point + ": " + point.description(), null, false, false);
    }
}
