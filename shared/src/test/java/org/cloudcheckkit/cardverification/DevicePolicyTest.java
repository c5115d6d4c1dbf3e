package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cloudcheckkit.config.Settings;
import org.junit.jupiter.api.Test;

class DevicePolicyTest {
    private static final String TOKEN = "t".repeat(40);

    @Test
    void aDeniedAddressAnywhereInTheListIsFiltered() {
        DevicePolicy policy = new DevicePolicy(List.of("198.51.100.7"), List.of());

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> policy.check(request("R58M12ABCDE", "203.0.113.25", "198.51.100.7")));

        assertEquals("DENIED_IP", refused.code());
        assertTrue(refused.getMessage().contains("consumer.ipAddresses"));
        assertFalse(refused.getMessage().contains("198.51.100.7"));
        assertDoesNotThrow(() -> policy.check(request("R58M12ABCDE", "198.51.100.70")));
    }

    @Test
    void cidrBlocksDenyEveryAddressInThem() {
        DevicePolicy policy = new DevicePolicy(List.of("203.0.113.0/24", "10.0.0.0/8"), List.of());

        assertThrows(RequestFilteredException.class, () -> policy.check(request("S", "203.0.113.0")));
        assertThrows(RequestFilteredException.class, () -> policy.check(request("S", "203.0.113.255")));
        assertThrows(RequestFilteredException.class, () -> policy.check(request("S", "10.200.3.4")));
        assertDoesNotThrow(() -> policy.check(request("S", "203.0.114.1", "11.0.0.1")));
    }

    @Test
    void aDeniedSerialNumberIsFilteredExactly() {
        DevicePolicy policy = new DevicePolicy(List.of(), List.of("R58M12ABCDE", "STOLEN-1"));

        RequestFilteredException refused = assertThrows(RequestFilteredException.class, () -> policy.check(request("STOLEN-1")));

        assertEquals("DENIED_DEVICE", refused.code());
        assertTrue(refused.getMessage().contains("consumer.device.serialNumber"));
        assertFalse(refused.getMessage().contains("STOLEN-1"));
        assertDoesNotThrow(() -> policy.check(request("stolen-1")));
        assertDoesNotThrow(() -> policy.check(request("STOLEN-10")));
    }

    @Test
    void listsComeFromSettingsAndABadEntryStopsTheStartNamingTheVariableNotTheValue() {
        DevicePolicy policy = DevicePolicy.from(Settings.from(Map.of(
                "DENIED_IP_ADDRESSES", " 198.51.100.7 , 203.0.113.0/24", "DENIED_SERIAL_NUMBERS", "STOLEN-1,STOLEN-2")));
        assertThrows(RequestFilteredException.class, () -> policy.check(request("S", "203.0.113.9")));
        assertThrows(RequestFilteredException.class, () -> policy.check(request("STOLEN-2")));
        assertDoesNotThrow(() -> DevicePolicy.from(Settings.from(Map.of())).check(request("S", "203.0.113.9")));

        for (String bad : new String[] {"198.51.100.7,198.51.100.999", "203.0.113.0/33", "203.0.113.0/", "host.example"}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> DevicePolicy.from(Settings.from(Map.of("DENIED_IP_ADDRESSES", bad))), bad);
            assertTrue(refused.getMessage().contains("DENIED_IP_ADDRESSES"), refused.getMessage());
            assertFalse(refused.getMessage().contains("198.51.100.999"), refused.getMessage());
        }
    }

    private static VerificationRequest request(String serialNumber, String... ipAddresses) {
        return new VerificationRequest(serialNumber, null, List.of(ipAddresses), null, null, "NZD", TOKEN);
    }
}
