package io.harpoon.tunnel.server;

import io.harpoon.tunnel.certs.HarpCertificates;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/** JDK TLS contexts for the raw emulator (blocking sockets). */
final class TlsFixtures {
    private static Path foreign;

    private TlsFixtures() {
    }

    static SSLContext client(Path certs) throws IOException {
        return ((JdkSslContext) SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .keyManager(certs.resolve("client.crt").toFile(), certs.resolve("client.key").toFile())
                .trustManager(certs.resolve("ca.crt").toFile()).build()).context();
    }

    static SSLContext clientWithoutCertificate(Path certs) throws IOException {
        return ((JdkSslContext) SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .trustManager(certs.resolve("ca.crt").toFile()).build()).context();
    }

    /** A second, unrelated HaRP PKI; its client trusts our server's CA so only the client certificate is wrong. */
    static synchronized Path foreignCerts() throws IOException {
        if (foreign == null) {
            Path dir = Files.createTempDirectory("harpoon-foreign").resolve("frp");
            HarpCertificates.ensure(dir, 30);
            Files.copy(Fixture.certs().resolve("ca.crt"), dir.resolve("ca.crt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            foreign = dir;
        }
        return foreign;
    }

    /** True when the server refuses the handshake or closes before answering a Login. */
    static boolean refused(InetSocketAddress server, SSLContext ctx) {
        try (RawFrpc c = RawFrpc.tls(server, ctx, false, "harp.nc")) {
            c.syn(1);
            c.sendFrp(1, RawFrpc.goodLogin(null, 1));
            return c.closedByServer() && c.buffered(1) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    static List<InetAddress> nonLoopbackAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                ni.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).forEach(out::add);
            }
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            System.out.println("NOTE: no non-loopback IPv4 address here; C23 checks loopback binding only");
        }
        return out;
    }
}
