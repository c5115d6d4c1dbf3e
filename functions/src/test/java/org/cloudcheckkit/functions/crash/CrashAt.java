package org.cloudcheckkit.functions.crash;

import java.util.EnumSet;
import java.util.Set;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;

/** Kills the work the {@code occurrence}-th time it reaches {@code point}, once; records every point reached. */
final class CrashAt implements CrashPoints {
    private final CrashPoint point;
    private final int occurrence;
    private final Set<CrashPoint> reached = EnumSet.noneOf(CrashPoint.class);
    private int seen;
    private boolean crashed;

    CrashAt(CrashPoint point, int occurrence) {
        this.point = point;
        this.occurrence = occurrence;
    }

    static CrashAt first(CrashPoint point) {
        return new CrashAt(point, 1);
    }

    @Override
    public synchronized void reach(CrashPoint at) {
        reached.add(at);
        if (at == point && !crashed && ++seen == occurrence) {
            crashed = true;
            throw new SimulatedCrash(at);
        }
    }

    synchronized boolean crashed() {
        return crashed;
    }

    CrashPoint point() {
        return point;
    }
}
