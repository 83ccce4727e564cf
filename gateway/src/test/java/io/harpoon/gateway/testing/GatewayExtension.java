package io.harpoon.gateway.testing;

import io.harpoon.gateway.Gateway;
import io.harpoon.gateway.config.GatewayConfig;
import io.harpoon.gateway.upstream.TunnelStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts, per test class, a real gateway on 127.0.0.1 port 0 with a {@link NextcloudStandIn}, a {@link TestExApp}
 * and a {@link WebSocketEchoServer}. Register with {@code @RegisterExtension static GatewayExtension gw = ...}.
 *
 * <table>
 *   <caption>ExApps known to the stand-in</caption>
 *   <tr><td>echoapp</td><td>{@link TestExApp}; routes ^/public (0), ^/user (1), ^/admin (2),
 *       ^/status (0, bruteforce [401, 418]), ^/(echo|upload|download|sse|slow) (0)</td></tr>
 *   <tr><td>wsapp</td><td>{@link WebSocketEchoServer}, route .* (0)</td></tr>
 *   <tr><td>frpapp</td><td>127.0.0.1:23001: FRP mode, no tunnel → 503 (unless a test's tunnel serves 23001)</td></tr>
 *   <tr><td>deadapp</td><td>127.0.0.1:&lt;closed port&gt; → connect refused → 503</td></tr>
 * </table>
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String KEY = "test-shared-key";
    public static final String TOKEN = "echo-app-secret";

    private final Map<String, String> env = new HashMap<>();
    private NextcloudStandIn nextcloud;
    private TestExApp exApp;
    private WebSocketEchoServer ws;
    private Gateway gateway;
    private Path certsDir;
    private HttpClient http;
    private java.util.function.Function<GatewayExtension, TunnelStreams> tunnel = g -> TunnelStreams.NOT_CONNECTED;
    private java.util.function.UnaryOperator<io.harpoon.tunnel.config.TunnelServerConfig> frp;

    public GatewayExtension() {
        env.put("HP_SHARED_KEY", KEY);
        env.put("HP_EXAPPS_ADDRESS", "127.0.0.1:0");
        env.put("HP_EXAPPS_HTTPS_ADDRESS", "127.0.0.1:0");
        env.put("HARPOON_CONTROL_ADDRESS", "127.0.0.1:0");
        env.put("HARPOON_ADMIN_ADDRESS", "127.0.0.1:0");
        env.put("HP_BLACKLIST_COUNT", "1000");
        env.put("HP_TIMEOUT_CONNECT", "2s");
        // no bundled engine unless a test asks for one (a machine's /var/run/docker.sock must not leak in)
        env.put("HARPOON_LOCAL_DOCKER", "off");
    }

    /** Overrides one environment variable before start. */
    public GatewayExtension env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The tunnel the gateway uses; the function runs after the stand-ins started (their ports are known). */
    public GatewayExtension tunnel(java.util.function.Function<GatewayExtension, TunnelStreams> t) {
        this.tunnel = t;
        return this;
    }

    /**
     * Runs the built-in FRP server (as {@code harpoon gateway} does) on 127.0.0.1 port 0 with HaRP's settings, mTLS
     * with certificates generated into {@code certsDir()/frp}, adjusted by {@code adjust}.
     */
    public GatewayExtension builtInTunnel(java.util.function.UnaryOperator<io.harpoon.tunnel.config.TunnelServerConfig> adjust) {
        env.putIfAbsent("HP_FRP_ADDRESS", "127.0.0.1:0");
        this.frp = adjust;
        return this;
    }

    /** Directory used as HP_CERTS_DIR; write cert.pem here from {@link #beforeStart} hooks. */
    public GatewayExtension withCertificate(String combinedPem) {
        env.put("__CERT__", combinedPem);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        nextcloud = new NextcloudStandIn(KEY);
        exApp = new TestExApp();
        ws = new WebSocketEchoServer();
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        nextcloud.exApp("echoapp", NextcloudStandIn.record(TOKEN, "1.2.3", "127.0.0.1", exApp.port(), """
                [{"url":"^/public","access_level":0,"bruteforce_protection":[]},
                 {"url":"^/user","access_level":1,"bruteforce_protection":[]},
                 {"url":"^/admin","access_level":2,"bruteforce_protection":[]},
                 {"url":"^/status","access_level":0,"bruteforce_protection":[401,418]},
                 {"url":"^/(echo|upload|download|sse|slow)","access_level":0,"bruteforce_protection":[]}]"""));
        nextcloud.exApp("wsapp", NextcloudStandIn.record("ws-secret", "1.0.0", "127.0.0.1", ws.port(),
                "[{\"url\":\".*\",\"access_level\":0,\"bruteforce_protection\":[]}]"));
        nextcloud.exApp("frpapp", NextcloudStandIn.record("frp-secret", "1.0.0", "127.0.0.1", 23001,
                "[{\"url\":\".*\",\"access_level\":0,\"bruteforce_protection\":[]}]"));
        nextcloud.exApp("deadapp", NextcloudStandIn.record("dead-secret", "1.0.0", "127.0.0.1", deadPort,
                "[{\"url\":\".*\",\"access_level\":0,\"bruteforce_protection\":[]}]"));
        certsDir = Files.createTempDirectory("harpoon-certs");
        Map<String, String> e = new HashMap<>(env);
        String pem = e.remove("__CERT__");
        if (pem != null) {
            Files.writeString(certsDir.resolve("cert.pem"), pem);
        }
        e.putIfAbsent("NC_INSTANCE_URL", nextcloud.url());
        e.put("HP_CERTS_DIR", certsDir.toString());
        // state (generated key, the pool's placement store) in a temp dir, never the module's ./data
        e.putIfAbsent("HARPOON_DATA_DIR", Files.createTempDirectory("harpoon-data").toString());
        gateway = frp != null ? Gateway.startWithTunnel(GatewayConfig.fromEnvironment(e), frp)
                : Gateway.start(GatewayConfig.fromEnvironment(e), tunnel.apply(this));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) {
            gateway.close();
        }
        ws.close();
        exApp.close();
        nextcloud.close();
    }

    /** HP_CERTS_DIR of the running gateway. */
    public Path certsDir() {
        return certsDir;
    }

    public Gateway gateway() {
        return gateway;
    }

    public NextcloudStandIn nextcloud() {
        return nextcloud;
    }

    public TestExApp exApp() {
        return exApp;
    }

    public int port() {
        return gateway.httpAddress().getPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public HttpClient http() {
        return http;
    }

    /** GET with the given header pairs; body as string. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Writes raw bytes on a fresh socket and reads until the server closes (or 5 s). */
    public RawResponse raw(String request) throws IOException {
        return raw(port(), request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static RawResponse raw(int port, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream o = s.getOutputStream();
            o.write(request);
            o.flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            boolean closed;
            try {
                byte[] buf = new byte[8192];
                int k;
                while ((k = in.read(buf)) > 0) {
                    out.write(buf, 0, k);
                }
                closed = true;
            } catch (java.net.SocketTimeoutException e) {
                closed = false;
            } catch (java.net.SocketException e) {
                closed = true; // reset = closed (abortive close of a silent drop)
            }
            return new RawResponse(out.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }

    /** What came back on a raw socket, and whether the server closed it. */
    public record RawResponse(String text, boolean closed) {
        public String statusLine() {
            int i = text.indexOf("\r\n");
            return i < 0 ? text : text.substring(0, i);
        }

        /** Number of HTTP responses in the text. */
        public int responses() {
            int n = 0;
            for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
                n++;
            }
            return n;
        }
    }
}
