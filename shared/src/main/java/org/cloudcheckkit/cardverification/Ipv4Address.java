package org.cloudcheckkit.cardverification;

import java.util.OptionalInt;

/**
 * Dotted-quad IPv4 addresses, strictly: four decimal numbers 0-255 without signs, spaces or leading zeros
 * ({@code 010.0.0.1} is refused, since some parsers read it as octal and others as decimal), so that one address
 * has one spelling and a deny list cannot be bypassed by writing it differently.
 */
public final class Ipv4Address {
    private Ipv4Address() {
    }

    /** The address as a 32-bit number, or empty when {@code text} is not a strict dotted quad. */
    public static OptionalInt parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return OptionalInt.empty();
        }
        int address = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return OptionalInt.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return OptionalInt.empty();
            }
            address = (address << 8) | octet;
        }
        return OptionalInt.of(address);
    }
}
