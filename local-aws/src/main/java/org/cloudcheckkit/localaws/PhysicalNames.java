package org.cloudcheckkit.localaws;

import java.util.Locale;

/**
 * Names for resources the template leaves unnamed: {@code <stack>-<logicalId>}, the same on every run so that a
 * second deployment finds what the first made. CloudFormation would add a random suffix; locally nothing else
 * shares the emulator, so none is needed.
 */
final class PhysicalNames {

    private static final int MAX_BUCKET_NAME = 63;
    private static final int MAX_QUEUE_NAME = 80;
    private static final String FIFO_SUFFIX = ".fifo";

    private PhysicalNames() {
    }

    static String table(String stackName, String logicalId) {
        return stackName + "-" + logicalId;
    }

    static String secret(String stackName, String logicalId) {
        return stackName + "-" + logicalId;
    }

    /** S3 names are lower-case letters, digits and hyphens, at most 63, starting and ending with a letter or digit. */
    static String bucket(String stackName, String logicalId) {
        String name = (stackName + "-" + logicalId).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        name = name.substring(0, Math.min(name.length(), MAX_BUCKET_NAME));
        return name.replaceAll("-+$", "");
    }

    /** A FIFO queue's name must end in {@code .fifo}. */
    static String queue(String stackName, String logicalId, boolean fifo) {
        String suffix = fifo ? FIFO_SUFFIX : "";
        String name = stackName + "-" + logicalId;
        return name.substring(0, Math.min(name.length(), MAX_QUEUE_NAME - suffix.length())) + suffix;
    }
}
