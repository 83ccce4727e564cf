package io.harpoon.tunnel.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.harpoon.testsupport.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opt-in interoperability with a real frpc (spec/frp-wire.md §16), e.g. the pinned 0.61.1 release binary. frpc is
 * not packaged anywhere this build can install from, so the test is skipped with a printed reason unless
 * {@code HARPOON_FRPC} names the binary (or {@code frpc} is on the PATH).
 */
@Tag("frpc")
class FrpcInteropTest {

    static Path frpc() {
        String env = System.getenv("HARPOON_FRPC");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "frpc");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tls_mux, true, true", "tls_nomux, true, false", "plain_mux, false, true", "plain_nomux, false, false"})
    void realFrpcCarriesTraffic(String name, boolean tls, boolean mux) throws Exception {
        Path bin = frpc();
        Requirements.requireDevice("frpc binary", bin != null,
                "set HARPOON_FRPC to an frpc 0.61.1+ binary (github.com/fatedier/frp releases) to run interop");
        int remote = Fixture.freePort();
        try (Backends.Server echo = Backends.echo(); TunnelServer server = Fixture.start(Fixture.harpConfig(tls))) {
            Path dir = Files.createTempDirectory("frpc");
            Path certs = Fixture.certs();
            String toml = "serverAddr = \"127.0.0.1\"\nserverPort = " + server.localAddress().getPort() + "\n"
                    + "loginFailExit = false\nmetadatas.token = \"" + Fixture.SHARED_KEY + "\"\n"
                    + "transport.tcpMux = " + mux + "\n"
                    + "transport.tls.enable = " + tls + "\n"
                    + (tls ? "transport.tls.certFile = \"" + certs.resolve("client.crt") + "\"\n"
                            + "transport.tls.keyFile = \"" + certs.resolve("client.key") + "\"\n"
                            + "transport.tls.trustedCaFile = \"" + certs.resolve("ca.crt") + "\"\n"
                            + "transport.tls.serverName = \"harp.nc\"\n" : "")
                    + "[[proxies]]\nname = \"app1\"\ntype = \"tcp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = "
                    + echo.port() + "\nremotePort = " + remote + "\n";
            Files.writeString(dir.resolve("frpc.toml"), toml);
            Process p = new ProcessBuilder(bin.toString(), "-c", dir.resolve("frpc.toml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("frpc.log").toFile()).start();
            try {
                EndToEndTest.awaitProxy(server, "app1");
                byte[] data = ("hello from " + name).getBytes(StandardCharsets.UTF_8);
                assertArrayEquals(data, EndToEndTest.echoOnce(remote, data));
            } finally {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
