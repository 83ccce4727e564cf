package io.harpoon.gateway.security;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.config.Ips;
import io.harpoon.gateway.config.TrustedProxies;
import java.net.InetAddress;

/**
 * True client address (spec §10.3 with §16 Q5): with no trusted proxies, or a peer outside them, the peer.
 * Otherwise walk {@code X-Forwarded-For} from the right, skipping trusted proxies; the first untrusted entry is
 * the client. If every entry is trusted, the left-most one. If the header is absent or an entry does not parse,
 * {@code X-Real-IP}, then the peer. For a single proxy hop this equals HaRP's left-most rule.
 *
 * <p>Entries may be {@code v4}, {@code v4:port}, {@code v6}, {@code [v6]} or {@code [v6]:port} (§16 Q1).
 */
public final class ClientAddresses {
    private final TrustedProxies trusted;

    public ClientAddresses(TrustedProxies trusted) {
        this.trusted = requireNonNull(trusted, "trusted");
    }

    /**
     * @param xForwardedFor all {@code X-Forwarded-For} values joined with commas, or {@code null}
     * @param xRealIp {@code X-Real-IP} or {@code null}
     */
    public InetAddress resolve(InetAddress peer, String xForwardedFor, String xRealIp) {
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        if (xForwardedFor != null && !xForwardedFor.isBlank()) {
            String[] parts = xForwardedFor.split(",");
            InetAddress leftMost = null;
            boolean allParsed = true;
            for (int i = parts.length - 1; i >= 0; i--) {
                InetAddress a = parseEntry(parts[i]);
                if (a == null) {
                    allParsed = false;
                    break;
                }
                if (!trusted.contains(a)) {
                    return a;
                }
                leftMost = a;
            }
            if (allParsed && leftMost != null) {
                return leftMost;
            }
        }
        if (xRealIp != null) {
            InetAddress a = parseEntry(xRealIp);
            if (a != null) {
                return a;
            }
        }
        return peer;
    }

    /** One address with optional port, per §16 Q1; {@code null} when it is not an IP literal. */
    public static InetAddress parseEntry(String raw) {
        String s = raw.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) {
                return null;
            }
            return Ips.parseLiteral(s.substring(1, close));
        }
        int first = s.indexOf(':');
        if (first >= 0 && first == s.lastIndexOf(':')) {
            s = s.substring(0, first); // v4:port
        }
        return Ips.parseLiteral(s);
    }
}
