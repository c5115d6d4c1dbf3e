package org.cloudcheckkit.cardverification;

import static org.cloudcheckkit.cardverification.VerificationRequestValidator.ACCESS_TOKEN_MAX_LENGTH;
import static org.cloudcheckkit.cardverification.VerificationRequestValidator.ACCESS_TOKEN_MIN_LENGTH;
import static org.cloudcheckkit.cardverification.VerificationRequestValidator.SERIAL_NUMBER_MAX_LENGTH;

import java.util.ArrayList;
import java.util.List;

/**
 * The other ways to read a session signature's token and serial number. The signature covers accessToken +
 * serialNumber with nothing between them (seed 003), and the gateway checks it against the two values the app sends,
 * so a signature issued for token {@code T + "D"} and serial number {@code "EVICE-B"} is just as valid for token
 * {@code T} on device {@code "DEVICE-B"}. The signature format is the seed's and cannot change; instead, a signature
 * is issued only when no other reading of its text starts with a bound token (see {@link InvoiceStore}).
 *
 * <p>A reading is a cut of the text into a token of 32 to 128 characters and a serial number of 1 to 50, the seed's
 * lengths (a cut outside them is taken to be refused by the gateway, as it is here). Lengths count code points, as
 * the validator does, and cuts fall between code points. There are at most 50 readings: one per serial number length.
 */
final class TokenReadings {
    private TokenReadings() {
    }

    /** The token of every reading of {@code accessToken + serialNumber} other than {@code accessToken} itself. */
    static List<String> otherTokens(String accessToken, String serialNumber) {
        String text = accessToken + serialNumber;
        int length = text.codePointCount(0, text.length());
        List<String> tokens = new ArrayList<>();
        int shortest = Math.max(ACCESS_TOKEN_MIN_LENGTH, length - SERIAL_NUMBER_MAX_LENGTH);
        int longest = Math.min(ACCESS_TOKEN_MAX_LENGTH, length - 1);
        for (int tokenLength = shortest; tokenLength <= longest; tokenLength++) {
            String token = text.substring(0, text.offsetByCodePoints(0, tokenLength));
            if (!token.equals(accessToken)) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
