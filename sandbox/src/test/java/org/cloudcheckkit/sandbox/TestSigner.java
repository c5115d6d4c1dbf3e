package org.cloudcheckkit.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The tests' own signer, written from seed 001 alone so it shares nothing with the sandbox's verifier. */
final class TestSigner {

    private TestSigner() {
    }

    static String stringToSign(String path, Map<String, String> parameters) {
        StringBuilder text = new StringBuilder(path);
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (!name.equals("signature")) {
                text.append(name).append('=').append(value).append(';');
            }
        });
        return text.toString();
    }

    static String sign(String secret, String path, Map<String, String> parameters) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign(path, parameters).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
