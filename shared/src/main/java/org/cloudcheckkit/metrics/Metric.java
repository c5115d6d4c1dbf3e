package org.cloudcheckkit.metrics;

/**
 * Every figure an operator sees in CloudWatch (namespace {@value EmbeddedMetrics#NAMESPACE}), counted where it happens;
 * template.yaml's alarms and dashboard name these.
 */
public enum Metric {
    /** A result or zip that could not be archived after every attempt: re-drive it. */
    ARCHIVE_FAILED("ArchiveFailed", Unit.COUNT),
    /** A billable call's intent still open after INTENT_STALE_SECONDS: its caller does not know what was made. */
    STALE_INTENTS("StaleIntents", Unit.COUNT),
    /** Reconciler items that threw and were rescheduled. */
    RECONCILE_ITEM_FAILURES("ReconcileItemFailures", Unit.COUNT),
    /** Requests or sessions Cloudcheck made whose answer was lost, adopted from an open intent. */
    INTENTS_ADOPTED("IntentsAdopted", Unit.COUNT),
    /** Recipients Cloudcheck lists that the roster lacked, adopted. */
    RECIPIENTS_ADOPTED("RecipientsAdopted", Unit.COUNT),
    /** Calls Cloudcheck carried out that could not be recorded. */
    UNRECORDED_CALLS("UnrecordedCalls", Unit.COUNT),
    /** Calls that may have reached Cloudcheck but whose answer was lost. */
    OUTCOME_UNKNOWN("OutcomeUnknown", Unit.COUNT),
    /** Calls to the callback and webhook routes without the right token (401, 403). */
    CALLBACKS_REFUSED("CallbacksRefused", Unit.COUNT),
    /** Error answers from Cloudcheck, per attempt, also by Cloudcheck's error code. */
    CLOUDCHECK_ERRORS("CloudcheckErrors", Unit.COUNT, "code"),
    /** A status Cloudcheck sent that this service does not know (a callback's or a result's). */
    UNKNOWN_STATUSES("UnknownStatuses", Unit.COUNT),
    /** A webhook whose requestType or eventType this service does not know. */
    UNKNOWN_EVENT_TYPES("UnknownEventTypes", Unit.COUNT),
    /** Audit entries that could not be written (the call they record went ahead). */
    AUDIT_WRITE_FAILURES("AuditWriteFailures", Unit.COUNT),
    /** From the time a result's final status was recorded to its archive, per result. */
    TIME_TO_ARCHIVE("TimeToArchive", Unit.MILLISECONDS);

    /** CloudWatch's names of the units used here. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String metricName;
    private final Unit unit;
    private final String breakdown;

    Metric(String metricName, Unit unit) {
        this(metricName, unit, null);
    }

    Metric(String metricName, Unit unit, String breakdown) {
        this.metricName = metricName;
        this.unit = unit;
        this.breakdown = breakdown;
    }

    /** The name in CloudWatch. */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension it is also broken down by ({@code code}), or null. */
    public String breakdown() {
        return breakdown;
    }
}
