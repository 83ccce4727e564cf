package io.harpoon.gateway.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal parsing without DNS, and canonical forms used as ban keys (spec §16 Q6). */
public final class Ips {
    private Ips() {
    }

    /** Parses an IPv4 or IPv6 literal (brackets allowed); {@code null} if it is not a literal. Never resolves. */
    public static InetAddress parseLiteral(String raw) {
        String s = raw.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            return null;
        }
        int zone = s.indexOf('%');
        String body = zone < 0 ? s : s.substring(0, zone);
        if (body.indexOf(':') >= 0) {
            if (!body.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
        } else if (!body.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        } else {
            for (String part : body.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(body); // a literal: no lookup happens
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** IPv4-mapped IPv6 becomes IPv4 bytes; everything else its own bytes. */
    public static byte[] canonicalBytes(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address && isV4Mapped(b)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        return b;
    }

    /** Canonical text: IPv4 dotted, IPv6 compressed lower-case (RFC 5952), IPv4-mapped as IPv4. */
    public static String canonical(InetAddress a) {
        byte[] b = canonicalBytes(a);
        if (b.length == 4) {
            return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
        }
        return compressV6(b);
    }

    public static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address || canonicalBytes(a).length == 4;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }

    private static String compressV6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
