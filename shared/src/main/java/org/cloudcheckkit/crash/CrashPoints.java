package org.cloudcheckkit.crash;

/**
 * Where the code passes a {@link CrashPoint}. In a function nothing happens there; the crash-point suite passes an
 * implementation that kills the work at the point it is testing, so that recovery can be proven for each.
 */
@FunctionalInterface
public interface CrashPoints {
    CrashPoints NONE = point -> {
    };

    void reach(CrashPoint point);
}
