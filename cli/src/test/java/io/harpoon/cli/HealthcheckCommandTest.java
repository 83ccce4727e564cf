package io.harpoon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The image's HEALTHCHECK against real loopback listeners: healthy only when every probe HaRP makes succeeds. */
class HealthcheckCommandTest {
    @TempDir
    Path certs;
    private HttpServer control;
    private ServerSocket http;
    private ServerSocket frp;
    private int heartbeatStatus = 200;

    @BeforeEach
    void listeners() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        control = HttpServer.create(new InetSocketAddress(lo, 0), 0);
        control.createContext("/heartbeat", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes();
            ex.sendResponseHeaders(heartbeatStatus, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        control.start();
        http = new ServerSocket(0, 5, lo);
        frp = new ServerSocket(0, 5, lo);
    }

    @AfterEach
    void close() throws Exception {
        control.stop(0);
        http.close();
        frp.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HARPOON_CONTROL_ADDRESS", "127.0.0.1:" + control.getAddress().getPort());
        env.put("HP_EXAPPS_ADDRESS", "0.0.0.0:" + http.getLocalPort()); // wildcard bind: probed on 127.0.0.1
        env.put("HP_FRP_ADDRESS", "127.0.0.1:" + frp.getLocalPort());
        env.put("HP_EXAPPS_HTTPS_ADDRESS", "127.0.0.1:1"); // nothing listens there: must only be probed with cert.pem
        env.put("HP_CERTS_DIR", certs.toString());
        return env;
    }

    private static int run(Map<String, String> env, StringWriter out) {
        HealthcheckCommand cmd = new HealthcheckCommand();
        cmd.environment = env;
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        return cl.execute("--timeout", "2");
    }

    @Test
    void healthyWhenHeartbeatAndPortsAnswer() {
        StringWriter out = new StringWriter();
        assertEquals(HealthcheckCommand.HEALTHY, run(env(), out), out.toString());
        assertEquals(3, out.toString().lines().filter(l -> l.startsWith("ok ")).count(), out.toString());
    }

    @Test
    void unhealthyWhenTheFrpPortIsClosed() throws Exception {
        frp.close();
        StringWriter out = new StringWriter();
        assertEquals(HealthcheckCommand.UNHEALTHY, run(env(), out), out.toString());
        assertTrue(out.toString().contains("FAIL frp"), out.toString());
    }

    @Test
    void unhealthyWhenHeartbeatIsNot200() {
        heartbeatStatus = 503;
        StringWriter out = new StringWriter();
        assertEquals(HealthcheckCommand.UNHEALTHY, run(env(), out), out.toString());
        assertTrue(out.toString().contains("FAIL control"), out.toString());
    }

    @Test
    void httpsIsProbedOnlyWhenCertPemExists() throws Exception {
        assertEquals(List.of("control", "http", "frp"),
                HealthcheckCommand.probes(env()).stream().map(HealthcheckCommand.Probe::name).toList());
        Files.writeString(certs.resolve("cert.pem"), "not parsed by the health check");
        StringWriter out = new StringWriter();
        assertEquals(HealthcheckCommand.UNHEALTHY, run(env(), out), out.toString());
        assertTrue(out.toString().contains("FAIL https 127.0.0.1:1"), out.toString());
    }

    @Test
    void defaultsAreHarpsPorts() {
        Map<String, String> env = Map.of("HP_CERTS_DIR", certs.toString());
        assertEquals(List.of("127.0.0.1:8200", "127.0.0.1:8780", "127.0.0.1:8782"), HealthcheckCommand.probes(env)
                .stream().map(p -> p.target().getHostString() + ":" + p.target().getPort()).toList());
        assertEquals(Path.of("/certs"), HealthcheckCommand.certsDir(Map.of("NC_INSTANCE_URL", "http://nc")));
    }
}
