package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** spec/frp-wire.md §16's scenario matrix with the Java client: TLS on/off (with and without marker) x mux on/off. */
class TransportMatrixTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tls_mux, true, false, true",
        "tls_marker_mux, true, true, true",
        "tls_nomux, true, false, false",
        "plain_mux, false, false, true",
        "plain_nomux, false, false, false"})
    void scenario(String name, boolean tls, boolean marker, boolean mux) throws Exception {
        try (Backends.Server echo = Backends.echo();
                TunnelServer server = Fixture.start(Fixture.harpConfig(tls));
                TunnelClient client = Fixture.client(transport(Fixture.clientConfig(server.localAddress(), tls,
                        ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port()).withTransport(true, true)), tls, marker,
                        mux))) {
            client.start().get(10, TimeUnit.SECONDS);
            int port = EndToEndTest.awaitProxy(server, "app1");
            for (int i = 0; i < 3; i++) { // several work connections, each through the pool
                byte[] data = (name + " round " + i).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(data, EndToEndTest.echoOnce(port, data));
            }
        }
    }

    static TunnelClientConfig transport(TunnelClientConfig c, boolean tls, boolean marker, boolean mux) {
        return c.withTransport(tls ? c.tls() : null, marker, mux);
    }

    @Test
    void negativePlainClientOnForcedTlsServer() throws Exception {
        try (TunnelServer server = Fixture.start(Fixture.harpConfig(true));
                TunnelClient client = Fixture.client(transport(Fixture.clientConfig(server.localAddress(), false),
                        false, false, true))) {
            assertThrows(TimeoutException.class, () -> client.start().get(1500, TimeUnit.MILLISECONDS),
                    "never logs in");
        }
    }

    @Test
    void selfSignedServerWithUnverifyingClient() throws Exception {
        // frps without certificates and frpc without trustedCaFile (InsecureSkipVerify), token auth, no shared key.
        io.harpoon.tunnel.config.TunnelServerConfig cfg = new io.harpoon.tunnel.config.TunnelServerConfig(
                new java.net.InetSocketAddress("127.0.0.1", 0), "127.0.0.1", java.util.List.of(), 0, 5, "t0ken", null,
                io.harpoon.tunnel.certs.TunnelTls.selfSignedServer(), true,
                io.harpoon.tunnel.mux.YamuxConfig.serverDefaults(), java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(90), "0.70.1", null);
        io.netty.handler.ssl.SslContext insecure = io.netty.handler.ssl.SslContextBuilder.forClient()
                .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null).build();
        try (Backends.Server echo = Backends.echo(); TunnelServer server = Fixture.start(cfg)) {
            TunnelClientConfig cc = Fixture.clientConfig(server.localAddress(), false,
                    ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port()))
                    .withAuth("t0ken", java.util.Map.of()).withTransport(insecure, false, true);
            try (TunnelClient client = Fixture.client(cc)) {
                client.start().get(10, TimeUnit.SECONDS);
                int port = EndToEndTest.awaitProxy(server, "app1");
                byte[] data = "self-signed".getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(data, EndToEndTest.echoOnce(port, data));
            }
        }
    }

    @Test
    void tlsClientOnServerWithoutTlsGetsSelfSignedCertificate() throws Exception {
        // HP_FRP_DISABLE_TLS=true: frps still answers TLS with a random self-signed certificate.
        io.netty.handler.ssl.SslContext insecure = io.netty.handler.ssl.SslContextBuilder.forClient()
                .trustManager(io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null).build();
        try (Backends.Server echo = Backends.echo(); TunnelServer server = Fixture.start(Fixture.harpConfig(false));
                TunnelClient client = Fixture.client(Fixture.clientConfig(server.localAddress(), false,
                        ProxySpec.tcp("app1", 0, "127.0.0.1", echo.port())).withTransport(insecure, true, true))) {
            client.start().get(10, TimeUnit.SECONDS);
            int port = EndToEndTest.awaitProxy(server, "app1");
            byte[] data = "tls on a plain server".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(data, EndToEndTest.echoOnce(port, data));
        }
    }
}
