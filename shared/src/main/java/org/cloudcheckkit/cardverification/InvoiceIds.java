package org.cloudcheckkit.cardverification;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Invoice ids: random (version 4) UUIDs, 122 bits from the injected SecureRandom, so they are unguessable and, for
 * any number of invoices this service will issue, unique; the store's conditional write makes a collision fail
 * rather than overwrite.
 */
public final class InvoiceIds {
    private final SecureRandom random;

    public InvoiceIds(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
}
