package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenReadingsTest {
    private static final String TOKEN = "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1";

    @Test
    void everyOtherCutIntoATokenOf32To128AndASerialNumberOf1To50IsATokenToCheck() {
        List<String> tokens = TokenReadings.otherTokens(TOKEN, "DEVICE-B");

        // 48 characters: tokens of 32 to 47, less the request's own of 40.
        assertEquals(15, tokens.size(), tokens.toString());
        assertTrue(tokens.contains(TOKEN + "D"), "the issue's attack: " + tokens);
        assertTrue(tokens.contains(TOKEN.substring(0, 39)));
        assertTrue(tokens.contains(TOKEN.substring(0, 32)));
        assertTrue(tokens.contains(TOKEN + "DEVICE-"));
        assertFalse(tokens.contains(TOKEN));
    }

    @Test
    void cutsOutsideTheSeedsLengthsAreNotReadings() {
        assertEquals(List.of(), TokenReadings.otherTokens("a".repeat(128), "b".repeat(50)));
        assertEquals(List.of(), TokenReadings.otherTokens("a".repeat(32), "b"));
        assertEquals(List.of("a".repeat(127) + "b"), TokenReadings.otherTokens("a".repeat(127), "b".repeat(50)),
                "no serial number longer than 50, no token longer than 128");
        assertEquals(49, TokenReadings.otherTokens("a".repeat(60), "b".repeat(40)).size(), "the most there can be");
    }

    /** The validator counts code points; a cut inside a surrogate pair would be a token no app can send. */
    @Test
    void lengthsCountCodePointsAndCutsFallBetweenThem() {
        String token = "a".repeat(31) + "\uD83D\uDE00";

        List<String> tokens = TokenReadings.otherTokens(token, "\uD83D\uDE00B");

        assertEquals(List.of(token + "\uD83D\uDE00"), tokens);
    }
}
