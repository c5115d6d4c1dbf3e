package org.cloudcheckkit.sandbox.go;

/** Why a recipient was not loaded (seed 000), with the message Cloudcheck gives. */
enum RecipientError {
    INVALID_PHONE_NUMBER("Enter a mobile number including the country code (eg. +64)."),
    INVALID_DATE_OF_BIRTH("Invalid date of birth"),
    INVALID_ADDRESS("Invalid address"),
    MISSING_SERVICE("Please select either verification or an additional measure (e.g. Cloudcheck Live, IDscan,"
            + " Akahu or Credfin)."),
    SERVICE_NOT_AVAILABLE("An additional measure (e.g. Live, IDscan, Akahu or Credfin) has been requested but is"
            + " not available.");

    private final String message;

    RecipientError(String message) {
        this.message = message;
    }

    String message() {
        return message;
    }
}
