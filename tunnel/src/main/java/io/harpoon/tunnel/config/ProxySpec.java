package io.harpoon.tunnel.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * One {@code tcp} proxy of a client: its wire name, the remote port it asks for (0 = any allowed) and where work
 * connections are dialled: a local TCP address or a unix socket (frpc's {@code unix_domain_socket} plugin, HaRP's
 * ExApps and Docker engines).
 */
public record ProxySpec(String name, int remotePort, SocketAddress target, boolean useEncryption,
        boolean useCompression) {
    public ProxySpec {
        requireNonNull(name, "name");
        requireNonNull(target, "target");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name: \"\" (expected: non-empty)");
        }
        if (remotePort < 0 || remotePort > 65535) {
            throw new IllegalArgumentException("remotePort: " + remotePort + " (expected: 0..65535)");
        }
        if (!(target instanceof InetSocketAddress) && !(target instanceof UnixDomainSocketAddress)) {
            throw new IllegalArgumentException("target: " + target + " (expected: host:port or unix socket)");
        }
    }

    public static ProxySpec tcp(String name, int remotePort, String localHost, int localPort) {
        return new ProxySpec(name, remotePort, new InetSocketAddress(localHost, localPort), false, false);
    }

    public static ProxySpec unixSocket(String name, int remotePort, Path socket) {
        return new ProxySpec(name, remotePort, UnixDomainSocketAddress.of(socket), false, false);
    }

    public ProxySpec withTransport(boolean encryption, boolean compression) {
        return new ProxySpec(name, remotePort, target, encryption, compression);
    }
}
