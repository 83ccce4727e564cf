package io.harpoon.tunnel.certs;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS contexts for the tunnel (spec/frp-wire.md §3, §13): TLS 1.2 and 1.3, no ALPN, SNI not required.
 */
public final class TunnelTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TunnelTls() {
    }

    /** HaRP's frps: server.crt/server.key, client certificates required and verified against ca.crt. */
    public static SslContext harpServer(Path dir) throws SSLException {
        return SslContextBuilder.forServer(dir.resolve("server.crt").toFile(), dir.resolve("server.key").toFile())
                .trustManager(dir.resolve("ca.crt").toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .protocols(PROTOCOLS)
                .build();
    }

    /**
     * frps with explicit {@code transport.tls.certFile}/{@code keyFile} and, when {@code trustedCaFile} is given,
     * client certificates required and verified against it (an operator's mounted {@code /frps.toml}).
     */
    public static SslContext server(Path cert, Path key, Path trustedCaOrNull) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(cert.toFile(), key.toFile()).protocols(PROTOCOLS);
        if (trustedCaOrNull != null) {
            b.trustManager(trustedCaOrNull.toFile()).clientAuth(ClientAuth.REQUIRE);
        }
        return b.build();
    }

    /** HaRP's frpc: client.crt/client.key, server verified against ca.crt as {@value HarpCertificates#SERVER_NAME}. */
    public static SslContext harpClient(Path dir) throws SSLException {
        return SslContextBuilder.forClient()
                .keyManager(dir.resolve("client.crt").toFile(), dir.resolve("client.key").toFile())
                .trustManager(dir.resolve("ca.crt").toFile())
                .endpointIdentificationAlgorithm("HTTPS")
                .protocols(PROTOCOLS)
                .build();
    }

    /** frps without configured certificates: a random self-signed RSA-2048 certificate, no SAN, no client check. */
    public static SslContext selfSignedServer() throws SSLException {
        HarpCertificates.KeyAndCertificate kc = HarpCertificates.selfSigned("harpoon-frps", 3650);
        return SslContextBuilder.forServer(kc.key(), kc.certificate()).protocols(PROTOCOLS).build();
    }
}
