package org.cloudcheckkit.table;

/** One step in a recipient's or session's status history: what, when (ISO-8601), and what told us. */
public record StatusChange(String status, String at, String source) {
}
