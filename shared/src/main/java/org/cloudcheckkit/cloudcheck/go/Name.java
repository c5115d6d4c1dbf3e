package org.cloudcheckkit.cloudcheck.go;

/** Cloudcheck's standard name fields. */
public record Name(String given, String middle, String family) {
}
