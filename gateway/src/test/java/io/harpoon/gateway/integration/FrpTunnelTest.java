package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.gateway.testing.FrpExApps;
import io.harpoon.gateway.testing.GatewayExtension;
import io.harpoon.gateway.testing.NextcloudStandIn;
import io.harpoon.gateway.testing.TestExApp;
import io.harpoon.gateway.testing.WebSocketEchoServer;
import io.harpoon.tunnel.client.TunnelClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HaRP's FRP mode end to end: ExApps behind the Java frpc (mTLS with certificates the gateway generated into
 * {@code $HP_CERTS_DIR/frp}, proxy name = app id, remote port = {@code APP_PORT} in 23000-23999 under HaRP's default
 * allowed ports), metadata {@code host 127.0.0.1} from the Nextcloud stand-in, reached at {@code /exapps/<appid>/}
 * through the gateway's built-in FRP server. The client timeout is 300 ms so that streams idling longer prove the
 * tunnel timeout applies instead.
 */
class FrpTunnelTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_TIMEOUT_CLIENT", "300ms")
            .builtInTunnel(UnaryOperator.identity());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY = "[{\"url\":\".*\",\"access_level\":0,\"bruteforce_protection\":[]}]";

    private static WebSocketEchoServer ws;
    private static TunnelClient app;
    private static TunnelClient wsApp;
    private static TunnelClient dropApp;
    private static TunnelClient engine;
    private static int enginePort;

    @BeforeAll
    static void exAppsBehindTheTunnel() throws Exception {
        List<Integer> ports = FrpExApps.freeAppPorts(3);
        Assumptions.assumeTrue(ports.size() == 3, "needs 3 free loopback ports in 23000-23999, found " + ports);
        List<Integer> engines = FrpExApps.freeEnginePorts(1);
        Assumptions.assumeTrue(engines.size() == 1, "needs a free loopback port in 24001-24099");
        enginePort = engines.get(0);
        ws = new WebSocketEchoServer();
        NextcloudStandIn nc = GW.nextcloud();
        nc.exApp("tunapp", NextcloudStandIn.record("tun-secret", "1.0.0", "127.0.0.1", ports.get(0), ANY));
        nc.exApp("tunws", NextcloudStandIn.record("ws-secret", "1.0.0", "127.0.0.1", ports.get(1), ANY));
        nc.exApp("tundrop", NextcloudStandIn.record("drop-secret", "1.0.0", "127.0.0.1", ports.get(2), ANY));
        int local = GW.exApp().port();
        app = FrpExApps.connect(GW, FrpExApps.config(GW, GatewayExtension.KEY, "tunapp", ports.get(0), local));
        wsApp = FrpExApps.connect(GW, FrpExApps.config(GW, GatewayExtension.KEY, "tunws", ports.get(1), ws.port()));
        dropApp = FrpExApps.connect(GW, FrpExApps.config(GW, GatewayExtension.KEY, "tundrop", ports.get(2), local));
        // a remote Docker engine's frpc (HaRP README: unique name, port in 24001-24099); the test ExApp plays dockerd
        engine = FrpExApps.connect(GW, FrpExApps.config(GW, GatewayExtension.KEY, "deploy-daemon-1", enginePort,
                local));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {app, wsApp, dropApp, engine, ws}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void certificatesAreGeneratedInHarpLayout() {
        for (String f : List.of("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key")) {
            assertTrue(Files.isRegularFile(GW.certsDir().resolve("frp").resolve(f)), f);
        }
    }

    @Test
    void frpModeExAppAnswersThroughTheTunnel() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/tunapp/hello/world?x=1");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("/hello/world?x=1", body.get("uri").asText());
        assertEquals("tunapp", body.get("headers").get("ex-app-id").asText());
        for (int i = 0; i < 5; i++) { // keep-alive and fresh work connections alike
            assertEquals(200, GW.get("/exapps/tunapp/again/" + i).statusCode());
        }
        // The server's byte meters count only traffic of its loopback listeners: still zero = in-process streams.
        String scrape = GW.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + GW.gateway().adminAddress().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scrape.contains("harpoon_tunnel_bytes_total{direction=\"to_client\"} 0.0"), scrape);
        assertTrue(scrape.contains("harpoon_tunnel_proxies"), scrape);
    }

    @Test
    void largeBodiesCrossTheTunnelIntactBothWays() throws Exception {
        long size = 16L << 20;
        HttpResponse<byte[]> down = GW.http().send(HttpRequest.newBuilder(
                GW.uri("/exapps/tunapp/download?size=" + size)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, down.statusCode());
        assertEquals(size, down.body().length);
        assertEquals(TestExApp.expectedDownload(size), HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(down.body())));
        HttpResponse<String> up = GW.http().send(HttpRequest.newBuilder(GW.uri("/exapps/tunapp/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(down.body())).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, up.statusCode());
        assertEquals(size + " " + TestExApp.expectedDownload(size), up.body());
    }

    @Test
    void keepAliveRequestsShareOneTunnelStream() throws Exception {
        var metrics = GW.gateway().tunnelServer().orElseThrow().metrics();
        java.net.http.HttpClient one = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build(); // one keep-alive client connection
        one.send(HttpRequest.newBuilder(GW.uri("/exapps/tunapp/echo/warm")).build(),
                HttpResponse.BodyHandlers.ofString());
        long before = metrics.streamsOpened();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = one.send(HttpRequest.newBuilder(GW.uri("/exapps/tunapp/echo/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        assertTrue(metrics.streamsOpened() - before <= 1, "20 requests opened "
                + (metrics.streamsOpened() - before) + " tunnel streams; keep-alive should reuse one");
    }

    @Test
    void dockerPassThroughReachesARemoteEngineThroughTheTunnel() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/app_api/v1.44/containers/nc_app_foo/json?all=1", "harp-shared-key",
                GatewayExtension.KEY, "docker-engine-port", String.valueOf(enginePort));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("/v1.44/containers/nc_app_foo/json?all=1", JSON.readTree(r.body()).get("uri").asText());
    }

    @Test
    void sseThroughTheTunnelOutlivesShortClientTimeout() throws Exception {
        HttpResponse<Stream<String>> resp = GW.http().send(HttpRequest.newBuilder(
                GW.uri("/exapps/tunapp/sse?events=3&interval=400")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElseThrow());
        assertEquals(List.of("data: 0", "data: 1", "data: 2"),
                resp.body().filter(l -> l.startsWith("data:")).toList());
    }

    @Test
    void webSocketThroughTheTunnelStaysOpenIdleLongerThanClientTimeout() throws Exception {
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = GW.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + GW.port() + "/exapps/tunws/socket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                got.add(data.toString());
                                w.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                                closed.complete(null);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket w, Throwable error) {
                                closed.completeExceptionally(error);
                            }
                        }).get(10, TimeUnit.SECONDS);
        socket.sendText("one", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo:one", got.poll(5, TimeUnit.SECONDS));
        Thread.sleep(1000); // idle > 3 × HP_TIMEOUT_CLIENT
        assertFalse(closed.isDone(), "neither the gateway nor the tunnel may idle out at the client timeout");
        socket.sendText("two", true).get(5, TimeUnit.SECONDS);
        assertEquals("echo:two", got.poll(5, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        closed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void tunnelDroppedMidRequestIsACleanErrorAndOthersKeepWorking() throws Exception {
        int before = GW.exApp().requests();
        CompletableFuture<HttpResponse<String>> pending = GW.http().sendAsync(HttpRequest.newBuilder(
                GW.uri("/exapps/tundrop/slow?ms=3000")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 400 && GW.exApp().requests() == before; i++) {
            Thread.sleep(10);
        }
        assertTrue(GW.exApp().requests() > before, "the request reached the ExApp through the tunnel");
        dropApp.close(); // the frpc goes away while the ExApp is still working on the answer
        HttpResponse<String> r = pending.get(15, TimeUnit.SECONDS);
        assertTrue(r.statusCode() == 502 || r.statusCode() == 503, r.statusCode() + " " + r.body());
        assertEquals(200, GW.get("/exapps/tunapp/still/here").statusCode(), "other tunnels are unaffected");
        int status = 0;
        for (int i = 0; i < 100 && status != 503; i++) { // the proxy is unbound once the server saw the close
            status = GW.get("/exapps/tundrop/anything").statusCode();
            Thread.sleep(status == 503 ? 0 : 20);
        }
        assertEquals(503, status, "no tunnel for the app any more: HaRP's 503");
        assertTrue(GW.gateway().healthy());
    }
}
