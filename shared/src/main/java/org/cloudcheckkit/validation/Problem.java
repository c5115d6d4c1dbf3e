package org.cloudcheckkit.validation;

/**
 * One thing wrong with a request: where ({@code recipients[3].mobileNumber}), which rule it breaks
 * ({@code INVALID_PHONE_NUMBER}; Cloudcheck's own code where Cloudcheck has one), and what to do about it.
 */
public record Problem(String field, String rule, String message) {
}
