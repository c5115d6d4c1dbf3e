package org.cloudcheckkit.cardverification;

import org.cloudcheckkit.secrets.SecretJson;

/**
 * The Connecting Party secret, {@code {"controlKey": "...", "endpointId": "..."}}: the key that signs sessions and
 * the payment gateway's endpoint id that every session names. The endpoint id is not secret (it is sent to the app);
 * the key is, so it is kept as a {@link ControlKey}, which never prints.
 */
public record ConnectingPartySecret(ControlKey controlKey, String endpointId) {

    /**
     * @throws IllegalStateException when the controlKey is malformed: a configuration fault, reported without the
     *                               key's value
     */
    public static ConnectingPartySecret parse(SecretJson json) {
        String endpointId = json.requiredText("endpointId");
        ControlKey key;
        try {
            key = ControlKey.parse(json.requiredText("controlKey"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Connecting Party secret is unusable: " + e.getMessage());
        }
        return new ConnectingPartySecret(key, endpointId);
    }

    @Override
    public String toString() {
        return "ConnectingPartySecret[endpointId=" + endpointId + ", controlKey=redacted]";
    }
}
