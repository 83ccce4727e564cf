package io.harpoon.gateway.config;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network with host bits masked (HaRP #108: {@code 10.0.0.5/8} must mean {@code 10.0.0.0/8}).
 * IPv4-mapped IPv6 addresses are compared as IPv4 (spec §16 Q6).
 */
public record Cidr(byte[] network, int prefix) {
    public Cidr {
        requireNonNull(network, "network");
        network = mask(network.clone(), prefix);
    }

    /** Parses {@code ip} or {@code ip/prefix}; quotes stripped. */
    public static Cidr parse(String raw) {
        String s = EnvValues.stripQuotes(raw);
        int slash = s.indexOf('/');
        String ip = slash < 0 ? s : s.substring(0, slash);
        InetAddress addr = Ips.parseLiteral(ip);
        if (addr == null) {
            throw new IllegalArgumentException("not an IP literal: " + raw);
        }
        byte[] bytes = Ips.canonicalBytes(addr);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix: " + raw);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix out of range: " + raw + " (expected: 0.." + max + ")");
            }
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] b = Ips.canonicalBytes(address);
        return b.length == network.length && Arrays.equals(mask(b, prefix), network);
    }

    private static byte[] mask(byte[] b, int prefix) {
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (bits == 0 ? 0 : 0xFF << (8 - bits));
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
