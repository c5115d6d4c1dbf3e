package org.cloudcheckkit.cloudcheck;

/**
 * An error one level down in a result (seed 001: "an error response can be at the top level or at the second
 * level"), in one section of an answer that is otherwise a result - say a {@code live} section that failed beside a
 * verification that passed. It is kept with the result, whose raw JSON holds it too, rather than failing the answer.
 *
 * @param section the field that holds the error ({@code live}, {@code akahuDetails}, ...)
 * @param code    Cloudcheck's code as text ({@code "111"}), or whatever the section's {@code error} said
 * @param message Cloudcheck's message, or empty
 */
public record SectionError(String section, String code, String message) {
}
