package org.cloudcheckkit.cloudcheck.go;

import org.cloudcheckkit.cloudcheck.Download;

/** /go/pdfs/retrieve/: still generating, the zip itself (to be streamed and closed by the caller), or stale. */
public sealed interface ZipRetrieval {

    record InProgress(String status, int complete, int total) implements ZipRetrieval {
    }

    record Ready(Download zip) implements ZipRetrieval {
    }

    /**
     * "Missing or invalid token" (seed 000): another recipient responded after the job was generated, so its zip is
     * no longer current, or the job token is unknown. Either way the zip must be generated again.
     */
    record Stale(String message) implements ZipRetrieval {
    }
}
