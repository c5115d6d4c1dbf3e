package org.cloudcheckkit.cardverification;

import java.util.List;

/**
 * A valid initiate-verification request (seed 003). {@code imei}, {@code latitude} and {@code longitude} are null
 * when not sent; {@code ipAddresses} is empty when not sent. {@link #toString()} shows no value: the access token is
 * a credential and the rest is personal data.
 */
public record VerificationRequest(String serialNumber, String imei, List<String> ipAddresses, Double latitude,
                                  Double longitude, String currency, String accessToken) {

    public VerificationRequest {
        ipAddresses = List.copyOf(ipAddresses);
    }

    @Override
    public String toString() {
        return "VerificationRequest[currency=" + currency + ", ipAddresses=" + ipAddresses.size()
                + ", imei=" + (imei != null) + ", location=" + (latitude != null || longitude != null) + "]";
    }
}
