package org.cloudcheckkit.cardverification;

import org.cloudcheckkit.secrets.SecretJson;

/**
 * The Connecting Party secret, {@code {"controlKey": "...", "endpointId": "...", "deviceHashKey": "..."}}: the key
 * that signs sessions, the payment gateway's endpoint id that every session names, and our own key for the keyed
 * hashes that stand in for serial numbers. The endpoint id is not secret (it is sent to the app); the keys are, so
 * they are kept as a {@link ControlKey} and a {@link DeviceHashKey}, which never print.
 */
public record ConnectingPartySecret(ControlKey controlKey, String endpointId, DeviceHashKey deviceHashKey) {

    /**
     * @throws IllegalStateException when a key is malformed: a configuration fault, reported without the key's
     *                               value
     */
    public static ConnectingPartySecret parse(SecretJson json) {
        String endpointId = json.requiredText("endpointId");
        try {
            ControlKey controlKey = ControlKey.parse(json.requiredText("controlKey"));
            return new ConnectingPartySecret(controlKey, endpointId, DeviceHashKey.parse(json.requiredText("deviceHashKey")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the Connecting Party secret is unusable: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ConnectingPartySecret[endpointId=" + endpointId + ", controlKey=redacted, deviceHashKey=redacted]";
    }
}
