package org.cloudcheckkit.bench.crac;

/** A resource failed before the checkpoint (org.crac maps it to its own CheckpointException). */
public class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;
}
