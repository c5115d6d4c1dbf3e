package org.cloudcheckkit.bench.crac;

/** A resource failed after the restore (org.crac maps it to its own RestoreException). */
public class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;
}
