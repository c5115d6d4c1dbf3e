package org.cloudcheckkit.cardverification;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.cloudcheckkit.config.Settings;

/**
 * The deny lists: a request is refused (FILTERED) when any of its consumer.ipAddresses is denied, or its device
 * serial number is. IP entries are addresses ({@code 203.0.113.7}) or CIDR blocks ({@code 203.0.113.0/24});
 * serial numbers match exactly. The lists come from configuration and are checked once, at start, so a typo in
 * them stops the function instead of silently denying nothing.
 *
 * <p>Both values are sent by the app, so these lists stop known devices and networks, not a determined client.
 */
public final class DevicePolicy {
    private final List<Block> deniedBlocks;
    private final Set<String> deniedSerialNumbers;

    public DevicePolicy(List<String> deniedIpAddresses, List<String> deniedSerialNumbers) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < deniedIpAddresses.size(); i++) {
            try {
                blocks.add(Block.parse(deniedIpAddresses.get(i).strip()));
            } catch (IllegalArgumentException e) {
                // Counted, not quoted: the entries are IP addresses, personal data that stays out of logs.
                throw new IllegalArgumentException("entry " + (i + 1) + " " + e.getMessage());
            }
        }
        this.deniedBlocks = List.copyOf(blocks);
        this.deniedSerialNumbers = Set.copyOf(deniedSerialNumbers.stream().map(String::strip).toList());
    }

    /** @throws IllegalStateException naming the variable, when DENIED_IP_ADDRESSES has an entry that is neither form */
    public static DevicePolicy from(Settings settings) {
        try {
            return new DevicePolicy(settings.deniedIpAddresses(), settings.deniedSerialNumbers());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable DENIED_IP_ADDRESSES: " + e.getMessage());
        }
    }

    /** @throws RequestFilteredException when the request is denied; the message names the field, not the value */
    public void check(VerificationRequest request) {
        if (deniedSerialNumbers.contains(request.serialNumber())) {
            throw new RequestFilteredException(RequestFilteredException.DENIED_DEVICE,
                    "the device consumer.device.serialNumber is not allowed to start a verification");
        }
        for (String address : request.ipAddresses()) {
            OptionalInt parsed = Ipv4Address.parse(address);
            if (parsed.isPresent() && deniedBlocks.stream().anyMatch(block -> block.contains(parsed.getAsInt()))) {
                throw new RequestFilteredException(RequestFilteredException.DENIED_IP,
                        "an address in consumer.ipAddresses is not allowed to start a verification");
            }
        }
    }

    /** An IPv4 network: an address and how many leading bits of it count. */
    private record Block(int network, int prefixLength) {
        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            int prefixLength = 32;
            if (slash >= 0) {
                String bits = entry.substring(slash + 1);
                if (!bits.matches("[0-9]{1,2}") || Integer.parseInt(bits) > 32) {
                    throw new IllegalArgumentException("has a prefix length that is not 0-32");
                }
                prefixLength = Integer.parseInt(bits);
            }
            OptionalInt parsed = Ipv4Address.parse(address);
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("is not a dotted IPv4 address or CIDR block");
            }
            int mask = mask(prefixLength);
            return new Block(parsed.getAsInt() & mask, prefixLength);
        }

        boolean contains(int address) {
            return (address & mask(prefixLength)) == network;
        }

        private static int mask(int prefixLength) {
            return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        }
    }
}
