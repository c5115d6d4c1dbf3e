package org.cloudcheckkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theArchiveLeaseIsFiveMinutesUnlessArchiveLeaseSecondsSaysOtherwise() {
        assertEquals(Duration.ofMinutes(5), Settings.from(Map.of()).archiveLease());
        assertEquals(Duration.ofSeconds(12), Settings.from(Map.of("ARCHIVE_LEASE_SECONDS", "12")).archiveLease());
    }

    @Test
    void anArchiveLeaseOfNothingIsRefusedByName() {
        IllegalStateException zero = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of("ARCHIVE_LEASE_SECONDS", "0")).archiveLease());

        assertTrue(zero.getMessage().contains("ARCHIVE_LEASE_SECONDS"), zero.getMessage());
    }
}
