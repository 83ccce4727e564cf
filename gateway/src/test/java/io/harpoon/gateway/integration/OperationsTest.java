package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.GatewayExtension;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS listener from $HP_CERTS_DIR/cert.pem, admin /metrics and /healthz, and HP_TIMEOUT_SERVER (504). */
class OperationsTest {
    static final SelfSignedCertificate CERT = selfSigned();
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension().env("HP_TIMEOUT_SERVER", "400ms")
            .withCertificate(combinedPem());

    private static SelfSignedCertificate selfSigned() {
        try {
            return new SelfSignedCertificate("localhost");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String combinedPem() {
        try {
            return Files.readString(CERT.certificate().toPath()) + Files.readString(CERT.privateKey().toPath());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void httpsListenerServesTheSameRules() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (FileInputStream in = new FileInputStream(CERT.certificate())) {
            ks.setCertificateEntry("gw", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient https = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
        int port = GW.gateway().httpsAddress().orElseThrow().getPort();
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                + "/exapps/echoapp/public/tls")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"/public/tls\""), r.body());
        HttpResponse<String> denied = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                + "/exapps/echoapp/admin/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, denied.statusCode());
    }

    @Test
    void reloadSwapsTheCertificateForNewConnections() throws Exception {
        int port = GW.gateway().httpsAddress().orElseThrow().getPort();
        assertEquals(CERT.cert().getSubjectX500Principal(), peerSubject(port));
        SelfSignedCertificate next = new SelfSignedCertificate("reloaded.example");
        Files.writeString(GW.certsDir().resolve("cert.pem"), Files.readString(next.certificate().toPath())
                + Files.readString(next.privateKey().toPath()));
        try {
            GW.gateway().reload();
            assertEquals(next.cert().getSubjectX500Principal(), peerSubject(port));
        } finally {
            Files.writeString(GW.certsDir().resolve("cert.pem"), combinedPem());
            GW.gateway().reload();
        }
        assertEquals(CERT.cert().getSubjectX500Principal(), peerSubject(port));
    }

    private static javax.security.auth.x500.X500Principal peerSubject(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal();
        }
    }

    @Test
    void slowUpstreamBeyondServerTimeoutIs504() throws Exception {
        HttpResponse<String> r = GW.get("/exapps/echoapp/slow?ms=1500");
        assertEquals(504, r.statusCode());
    }

    @Test
    void metricsAndHealth() throws Exception {
        assertEquals(200, GW.get("/exapps/echoapp/public/m").statusCode());
        assertEquals(404, GW.get("/exapps/echoapp/nothing").statusCode());
        String admin = "http://127.0.0.1:" + GW.gateway().adminAddress().getPort();
        HttpResponse<String> health = GW.http().send(HttpRequest.newBuilder(URI.create(admin + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        HttpResponse<String> m = GW.http().send(HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, m.statusCode());
        String text = m.body();
        assertTrue(text.contains("harpoon_gateway_requests_seconds_count{app=\"echoapp\",status=\"200\"}"), text);
        assertTrue(text.contains("harpoon_gateway_requests_seconds_bucket{app=\"echoapp\""), "latency histogram");
        assertTrue(text.contains("status=\"404\""), text);
        assertTrue(text.contains("harpoon_gateway_websockets_active"), text);
        assertTrue(text.contains("harpoon_gateway_banned_addresses"), text);
        assertTrue(text.contains("harpoon_gateway_failures_total"), text);
        assertTrue(!text.contains(GatewayExtension.KEY) && !text.contains(GatewayExtension.TOKEN), "no secrets");
    }
}
