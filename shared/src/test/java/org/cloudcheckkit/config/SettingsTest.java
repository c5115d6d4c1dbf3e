package org.cloudcheckkit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void tokenBindingIsOnUnlessTokenBindingSaysFalse() {
        assertTrue(Settings.from(Map.of()).tokenBinding());
        assertTrue(Settings.from(Map.of("TOKEN_BINDING", " ")).tokenBinding());
        assertTrue(Settings.from(Map.of("TOKEN_BINDING", "true")).tokenBinding());
        assertFalse(Settings.from(Map.of("TOKEN_BINDING", "false")).tokenBinding());
        assertFalse(Settings.from(Map.of("TOKEN_BINDING", "FALSE")).tokenBinding());
    }

    @Test
    void aTokenBindingThatIsNeitherTrueNorFalseStopsTheFunctionRatherThanTurningTheCheckOff() {
        for (String value : new String[] {"no", "0", "off", "flase"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> Settings.from(Map.of("TOKEN_BINDING", value)).tokenBinding(), value);
            assertTrue(refused.getMessage().contains("TOKEN_BINDING"), refused.getMessage());
        }
    }

    @Test
    void invoicesAndBindingsAreKeptNinetyDaysUnlessInvoiceDaysAndBindingDaysSayOtherwise() {
        assertEquals(Duration.ofDays(90), Settings.from(Map.of()).invoiceTime());
        assertEquals(Duration.ofDays(90), Settings.from(Map.of()).bindingTime());
        assertEquals(Duration.ofDays(3), Settings.from(Map.of("INVOICE_DAYS", "3")).invoiceTime());
        assertEquals(Duration.ofDays(7), Settings.from(Map.of("BINDING_DAYS", "7")).bindingTime());
    }

    @Test
    void invoicesOrBindingsKeptForNoTimeAreRefusedByName() {
        IllegalStateException invoices = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of("INVOICE_DAYS", "0")).invoiceTime());
        IllegalStateException bindings = assertThrows(IllegalStateException.class,
                () -> Settings.from(Map.of("BINDING_DAYS", "0")).bindingTime());

        assertTrue(invoices.getMessage().contains("INVOICE_DAYS"), invoices.getMessage());
        assertTrue(bindings.getMessage().contains("BINDING_DAYS"), bindings.getMessage());
    }

    @Test
    void aDeviceMayStartTenSessionsAnHourAndAnAddressAHundredUnlessTheirVariablesSayOtherwise() {
        assertEquals(10, Settings.from(Map.of()).maxSessionsPerDevicePerHour());
        assertEquals(100, Settings.from(Map.of()).maxSessionsPerIpPerHour());
        assertEquals(0, Settings.from(Map.of("MAX_SESSIONS_PER_DEVICE_PER_HOUR", "0")).maxSessionsPerDevicePerHour());
        assertEquals(5, Settings.from(Map.of("MAX_SESSIONS_PER_IP_PER_HOUR", "5")).maxSessionsPerIpPerHour());
    }
}
