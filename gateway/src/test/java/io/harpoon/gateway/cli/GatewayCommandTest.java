package io.harpoon.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.TestExApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code harpoon gateway}: one-line configuration errors, and standalone mode with a generated key. */
class GatewayCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli(Map<String, String> env) {
        GatewayCommand cmd = new GatewayCommand();
        cmd.environment = env;
        return new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @Test
    void invalidConfigurationExitsNonZeroWithOneLine() {
        int code = cli(Map.of("HP_SHARED_KEY", "k", "NC_INSTANCE_URL", "http://nc", "HP_TIMEOUT_CLIENT", "soon"))
                .execute();
        assertEquals(GatewayCommand.EXIT_CONFIG, code);
        String e = err.toString().strip();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("HP_TIMEOUT_CLIENT: soon (expected:"), e);
    }

    @Test
    void secretNeverAppearsInConfigurationErrors() {
        cli(Map.of("HP_SHARED_KEY", "s3cr3t\"x", "NC_INSTANCE_URL", "http://nc")).execute();
        assertFalse(err.toString().contains("s3cr3t"), err.toString());
    }

    @Test
    void standaloneWithExAppsFileAndGeneratedKey() throws Exception {
        try (TestExApp app = new TestExApp()) {
            Path apps = Files.writeString(tmp.resolve("apps.json"), "{\"Demo\":{\"exapp_token\":\"tok\","
                    + "\"exapp_version\":\"1\",\"host\":\"127.0.0.1\",\"port\":" + app.port() + ",\"routes\":"
                    + "[{\"url\":\"^/pub\",\"access_level\":0,\"bruteforce_protection\":[]},"
                    + "{\"url\":\"^/priv\",\"access_level\":1,\"bruteforce_protection\":[]}]}}");
            Map<String, String> env = Map.of("HARPOON_DATA_DIR", tmp.resolve("data").toString(),
                    "HP_EXAPPS_FILE", apps.toString(), "HP_EXAPPS_ADDRESS", "127.0.0.1:0",
                    "HP_EXAPPS_HTTPS_ADDRESS", "127.0.0.1:0", "HARPOON_CONTROL_ADDRESS", "127.0.0.1:0",
                    "HARPOON_ADMIN_ADDRESS", "127.0.0.1:0", "HP_CERTS_DIR", tmp.toString(),
                    "HP_FRP_ADDRESS", "127.0.0.1:0");
            AtomicInteger code = new AtomicInteger(-1);
            Thread t = new Thread(() -> code.set(cli(env).execute()));
            t.start();
            Matcher m = null;
            for (int i = 0; i < 200 && (m == null || !m.find()); i++) {
                Thread.sleep(50);
                m = Pattern.compile("http [^:]*:(\\d+),").matcher(out.toString());
            }
            String printed = out.toString();
            String key = Files.readString(tmp.resolve("data/shared-key")).strip();
            assertTrue(printed.contains("Generated shared key"), printed);
            assertEquals(1, printed.split(Pattern.quote(key), -1).length - 1, "key printed exactly once");
            assertTrue(printed.contains("frp /127.0.0.1:"), "the FRP server is started: " + printed);
            assertTrue(Files.isRegularFile(tmp.resolve("frp/client.crt")), "frp certificates generated (§11.2)");
            int port = Integer.parseInt(m.group(1));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> pub = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/exapps/demo/pub/x")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pub.statusCode());
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/exapps/demo/priv/x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "standalone: every user is anonymous");
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/exapps/app_api/heartbeat")).header("harp-shared-key", key).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "generated key guards the control plane");
            t.interrupt();
            t.join(10_000);
            assertEquals(0, code.get());
        }
    }

    @Test
    void logLevelIsAppliedToHarpoonLoggers() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.harpoon");
        ch.qos.logback.classic.Level before = logger.getLevel();
        try {
            GatewayCommand.applyLogLevel("error");
            assertEquals(ch.qos.logback.classic.Level.ERROR, logger.getLevel());
            GatewayCommand.applyLogLevel("warning");
            assertEquals(ch.qos.logback.classic.Level.WARN, logger.getLevel());
        } finally {
            logger.setLevel(before);
        }
    }
}
