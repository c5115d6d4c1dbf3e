package org.cloudcheckkit.cardverification;

import java.util.Set;

/**
 * The ISO 4217 alphabetic codes a card transaction may be in: the currencies in circulation (ISO 4217 list one),
 * as of November 2026. An explicit list rather than {@link java.util.Currency#getAvailableCurrencies()}: the JDK's
 * list keeps withdrawn codes (DEM, HRK, BGN from 2026...) and adds new ones only with a JDK update. Left out on
 * purpose, because no card is charged in them: fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious
 * metals (XAU, XAG, XPD, XPT), bond-market and SDR units (XBA-XBD, XDR, XSU, XUA), and the test and no-currency
 * codes (XTS, XXX). Update it when ISO 4217 changes (its maintenance agency, SIX, publishes amendments).
 */
public final class Iso4217Currencies {
    private static final Set<String> CURRENT = Set.of(
            "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
            "BAM", "BBD", "BDT", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
            "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK",
            "DJF", "DKK", "DOP", "DZD",
            "EGP", "ERN", "ETB", "EUR",
            "FJD", "FKP",
            "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
            "HKD", "HNL", "HTG", "HUF",
            "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
            "JMD", "JOD", "JPY",
            "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
            "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
            "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
            "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
            "OMR",
            "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
            "QAR",
            "RON", "RSD", "RUB", "RWF",
            "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
            "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
            "UAH", "UGX", "USD", "UYU", "UZS",
            "VED", "VES", "VND", "VUV",
            "WST",
            "XAF", "XCD", "XCG", "XOF", "XPF",
            "YER",
            "ZAR", "ZMW", "ZWG");

    private Iso4217Currencies() {
    }

    public static boolean isCurrent(String code) {
        return CURRENT.contains(code);
    }

    public static Set<String> codes() {
        return CURRENT;
    }
}
