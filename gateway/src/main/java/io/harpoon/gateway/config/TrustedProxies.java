package io.harpoon.gateway.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HP_TRUSTED_PROXY_IPS}: comma-separated IPs/CIDRs; quotes stripped, host bits masked, invalid entries
 * logged and skipped (spec §4.1, HaRP #108/PR #112).
 */
public record TrustedProxies(List<Cidr> networks) {
    private static final Logger LOG = LoggerFactory.getLogger(TrustedProxies.class);

    public TrustedProxies {
        networks = List.copyOf(networks);
    }

    public static TrustedProxies parse(String raw) {
        List<Cidr> out = new ArrayList<>();
        for (String part : EnvValues.stripQuotes(raw).split(",")) {
            String p = EnvValues.stripQuotes(part);
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(Cidr.parse(p));
            } catch (IllegalArgumentException e) {
                LOG.warn("HP_TRUSTED_PROXY_IPS: skipping invalid entry {} ({})", p, e.getMessage());
            }
        }
        return new TrustedProxies(out);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public boolean contains(InetAddress a) {
        for (Cidr c : networks) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
