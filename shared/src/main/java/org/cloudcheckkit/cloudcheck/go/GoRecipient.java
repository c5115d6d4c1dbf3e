package org.cloudcheckkit.cloudcheck.go;

/** One recipient of a Go request, in Cloudcheck's field names ({@code dateofbirth} is spelt as Cloudcheck spells it). */
public record GoRecipient(
        String reference,
        Name name,
        String emailAddress,
        String mobileNumber,
        String dateofbirth,
        Address address,
        RequestTypes requestType) {
}
