package org.cloudcheckkit.cloudcheck.go;

import org.cloudcheckkit.cloudcheck.Download;

/** /go/pdfs/retrieve/: still generating, or the zip itself (to be streamed and closed by the caller). */
public sealed interface ZipRetrieval {

    record InProgress(String status, int complete, int total) implements ZipRetrieval {
    }

    record Ready(Download zip) implements ZipRetrieval {
    }
}
