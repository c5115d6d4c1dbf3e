package org.cloudcheckkit.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs Cloudcheck requests as seed 001 describes, in three visible steps:
 * <ol>
 *   <li>{@link #stringToSign}: the path, then every parameter but {@code signature}, sorted by name in code-point
 *       order, each as {@code name=value;} with the raw (not URL-encoded) value;</li>
 *   <li>{@link #hmacSha256Hex}: HMAC-SHA256 of that string's UTF-8 bytes keyed with the API secret, as lower-case hex;</li>
 *   <li>{@link #sign}: attach {@code key}, a fresh {@code nonce} and {@code timestamp}, and the {@code signature}.</li>
 * </ol>
 * Call {@link #sign} once per attempt: a retry must carry a new nonce, timestamp and signature.
 */
public final class RequestSigner {
    public static final String KEY = "key";
    public static final String NONCE = "nonce";
    public static final String TIMESTAMP = "timestamp";
    public static final String SIGNATURE = "signature";

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final NonceSource nonces;

    public RequestSigner(Clock clock, NonceSource nonces) {
        this.clock = clock;
        this.nonces = nonces;
    }

    /** Step 1. {@code parameters} may include {@code signature}; it is left out, as the seed says. */
    public static String stringToSign(String path, Map<String, String> parameters) {
        List<String> names = new ArrayList<>(parameters.keySet());
        names.remove(SIGNATURE);
        names.sort(RequestSigner::compareCodePoints);
        StringBuilder text = new StringBuilder(path);
        for (String name : names) {
            text.append(name).append('=').append(parameters.get(name)).append(';');
        }
        return text.toString();
    }

    /** Step 2. */
    public static String hmacSha256Hex(ApiCredentials credentials, String stringToSign) {
        return hmacSha256Hex(credentials.apiSecret(), stringToSign);
    }

    static String hmacSha256Hex(String secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK ships HmacSHA256 and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Step 3: a fresh nonce and the clock's current millisecond timestamp join the request's own parameters
     * ({@code data}, or {@code token}/{@code goApiReference} for GETs), and the signature over all of them is attached.
     */
    public SignedRequest sign(String path, ApiCredentials credentials, Map<String, String> requestParameters) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(KEY, credentials.apiKey());
        parameters.put(NONCE, nonces.next());
        parameters.put(TIMESTAMP, Long.toString(clock.millis()));
        requestParameters.forEach((name, value) -> {
            if (parameters.containsKey(name) || SIGNATURE.equals(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is set by the signer");
            }
            parameters.put(name, value);
        });
        parameters.put(SIGNATURE, hmacSha256Hex(credentials, stringToSign(path, parameters)));
        return new SignedRequest(path, parameters);
    }

    // String.compareTo orders UTF-16 units, which differs from code-point order for supplementary characters.
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
