package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Iso4217CurrenciesTest {
    @Test
    void everyListedCodeIsAnIso4217CodeTheJdkKnows() {
        Set<String> jdk = Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toSet());

        for (String code : Iso4217Currencies.codes()) {
            assertTrue(code.matches("[A-Z]{3}"), code);
            assertTrue(jdk.contains(code), code + " is not in this JDK's currency data");
        }
    }

    @Test
    void theCurrenciesOfThisKitsMarketsAndCommonCardCurrenciesAreAccepted() {
        for (String code : new String[] {"NZD", "AUD", "USD", "EUR", "GBP", "JPY", "CNY", "FJD", "WST", "TOP", "XPF"}) {
            assertTrue(Iso4217Currencies.isCurrent(code), code);
        }
    }

    /** What the JDK knows but no card is charged in: withdrawn currencies, funds, metals, units, test codes. */
    @Test
    void withdrawnAndNonTenderCodesAreRefused() {
        Set<String> refused = new TreeSet<>(Set.of("DEM", "FRF", "HRK", "BGN", "ANG", "ZWL", "VEF", "SLL", "CUC", "MRO", "STD",
                "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "XAU", "XAG", "XPD", "XPT", "XBA", "XDR", "XSU", "XUA",
                "XTS", "XXX"));
        for (String code : refused) {
            assertFalse(Iso4217Currencies.isCurrent(code), code);
        }
    }

    @Test
    void theListHasOneHundredAndFiftyFiveCodes() {
        assertEquals(155, Iso4217Currencies.codes().size());
    }
}
