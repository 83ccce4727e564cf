package io.harpoon.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.config.PortRange;
import io.harpoon.tunnel.config.TunnelServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mounted {@code /frps.toml} (spec §16 Q27): HaRP lets it replace the generated frps configuration; Harpoon has
 * no frps process, so it reads the settings that mean something here and applies them over HaRP's defaults.
 *
 * <table>
 *   <caption>Keys read (frp v0.5x TOML names); everything else is ignored</caption>
 *   <tr><td>{@code bindAddr}, {@code bindPort}</td><td>FRP listener (instead of {@code HP_FRP_ADDRESS})</td></tr>
 *   <tr><td>{@code proxyBindAddr}</td><td>address of the per-proxy loopback listeners</td></tr>
 *   <tr><td>{@code allowPorts}</td><td>{@code [{start = 23000, end = 23999}, {single = 24000}]}</td></tr>
 *   <tr><td>{@code maxPortsPerClient}</td><td>ports one client may bind (0 = any)</td></tr>
 *   <tr><td>{@code transport.tls.force}</td><td>refuse plain connections</td></tr>
 *   <tr><td>{@code transport.tls.certFile}, {@code keyFile}, {@code trustedCaFile}</td><td>server certificate; with
 *       a CA, client certificates are required (mutual TLS)</td></tr>
 * </table>
 */
public record FrpsToml(Path file, JsonNode root) {

    public static FrpsToml load(Path file) {
        try {
            return new FrpsToml(file, new TomlMapper().readTree(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + ": not a readable frps TOML file (" + e.getMessage() + ")");
        }
    }

    /** HaRP's settings with this file's values over them. */
    public TunnelServerConfig apply(TunnelServerConfig base) {
        TunnelServerConfig c = base;
        if (root.has("bindAddr") || root.has("bindPort")) {
            String addr = root.path("bindAddr").asText(base.bind().getHostString());
            int port = root.has("bindPort") ? port("bindPort", root.path("bindPort")) : base.bind().getPort();
            c = c.withBind(new InetSocketAddress(addr, port));
        }
        if (root.has("proxyBindAddr")) {
            c = new TunnelServerConfig(c.bind(), root.path("proxyBindAddr").asText(), c.allowPorts(),
                    c.maxPortsPerClient(), c.maxPoolCount(), c.token(), c.sharedKey(), c.tls(), c.tlsForced(),
                    c.yamux(), c.firstMessageTimeout(), c.userConnTimeout(), c.heartbeatTimeout(), c.serverVersion(),
                    c.authScopes());
        }
        if (root.has("allowPorts")) {
            c = c.withAllowPorts(allowPorts(root.path("allowPorts")));
        }
        if (root.has("maxPortsPerClient")) {
            c = c.withMaxPortsPerClient(root.path("maxPortsPerClient").asInt());
        }
        JsonNode tls = root.path("transport").path("tls");
        if (tls.has("certFile") || tls.has("force")) {
            try {
                var ctx = tls.has("certFile") ? TunnelTls.server(Path.of(tls.path("certFile").asText()),
                        Path.of(tls.path("keyFile").asText()), tls.has("trustedCaFile")
                                ? Path.of(tls.path("trustedCaFile").asText()) : null) : c.tls();
                boolean force = tls.path("force").asBoolean(c.tlsForced());
                if (force && ctx == null) {
                    throw new ConfigException(file + ": transport.tls.force = true needs certificates "
                            + "(transport.tls.certFile/keyFile, or HaRP's generated ones with HP_FRP_DISABLE_TLS=false)");
                }
                c = c.withTls(ctx, force);
            } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
                throw new ConfigException(file + ": transport.tls: " + e.getMessage());
            }
        }
        return c;
    }

    private List<PortRange> allowPorts(JsonNode arr) {
        List<PortRange> out = new ArrayList<>();
        for (JsonNode r : arr) {
            if (r.has("single")) {
                int p = port("allowPorts.single", r.path("single"));
                out.add(new PortRange(p, p));
            } else {
                out.add(new PortRange(port("allowPorts.start", r.path("start")), port("allowPorts.end", r.path("end"))));
            }
        }
        return out;
    }

    private int port(String key, JsonNode n) {
        if (!n.canConvertToInt() || n.asInt() < 0 || n.asInt() > 65535) {
            throw new ConfigException(file + ": " + key + " = " + n + " (expected: 0..65535)");
        }
        return n.asInt();
    }
}
