package org.cloudcheckkit.cloudcheck.go;

/** Cloudcheck's standard address fields. Australian addresses carry a state and no suburb. */
public record Address(
        String unitnumber,
        String streetnumber,
        String streetname,
        String suburb,
        String city,
        String postcode,
        String state) {
}
