package org.cloudcheckkit.archive;

import org.cloudcheckkit.callbacks.RecordedEvent;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.go.GoRequestRecord;
import org.cloudcheckkit.go.GoRequestStore;
import org.cloudcheckkit.store.TableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a newly recorded event (delivered by the table's stream). A Go callback is first checked to belong to its
 * request: the callback id it came with must be the one that request was created with, so a token seen for one
 * request cannot move another. Then the subject's result is refreshed from Cloudcheck.
 */
public final class EventProcessor {
    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final ResultProcessor results;
    private final GoRequestStore goRequests;

    public EventProcessor(ResultProcessor results, GoRequestStore goRequests) {
        this.results = results;
        this.goRequests = goRequests;
    }

    public ResultProcessor.Outcome process(RecordedEvent event, Deadline deadline) {
        if (event.pk().startsWith("GO#")) {
            String goApiReference = event.attribute("goApiReference");
            GoRequestRecord request = goRequests.find(goApiReference).orElse(null);
            if (request == null) {
                log.warn("callback for Go request {}, which this service did not make", goApiReference);
                return ResultProcessor.Outcome.IGNORED;
            }
            if (!request.callbackId().equals(event.attribute("callbackId"))) {
                log.warn("callback for Go request {} came with another request's callback id; ignored", goApiReference);
                return ResultProcessor.Outcome.IGNORED;
            }
            return results.refresh(new Subject.GoRecipient(goApiReference, event.attribute("recipientToken")),
                    source(event), deadline);
        }
        if (event.pk().startsWith("AKAHU#")) {
            return results.refresh(new Subject.AkahuSession(event.pk().substring("AKAHU#".length())), source(event), deadline);
        }
        // Account webhooks about checks this service does not run are kept for the operator, nothing more.
        return ResultProcessor.Outcome.IGNORED;
    }

    public static boolean isEvent(String sk) {
        return sk != null && sk.startsWith(TableKeys.EVENT_PREFIX);
    }

    private static String source(RecordedEvent event) {
        String kind = event.attribute("kind");
        return kind == null ? "event" : kind.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
