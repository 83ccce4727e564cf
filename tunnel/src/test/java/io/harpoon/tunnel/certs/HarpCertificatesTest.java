package io.harpoon.tunnel.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HaRP's certificate layout (harp-contract.md §11.2). */
class HarpCertificatesTest {

    static X509Certificate read(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void generatesHarpLayoutOnlyWhenMissing(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("frp");
        assertTrue(HarpCertificates.ensure(dir, 123));
        for (String f : List.of("ca.crt", "ca.key", "server.crt", "server.key", "server.csr", "client.crt",
                "client.key", "client.csr", "ca.srl")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        X509Certificate ca = read(dir.resolve("ca.crt"));
        X509Certificate server = read(dir.resolve("server.crt"));
        X509Certificate client = read(dir.resolve("client.crt"));
        assertEquals("CN=harp.nc", ca.getSubjectX500Principal().getName());
        assertEquals("CN=harp.nc", server.getSubjectX500Principal().getName());
        assertEquals("CN=harp.client.nc", client.getSubjectX500Principal().getName());
        assertEquals(List.of(List.of(2, "harp.nc")), List.copyOf(server.getSubjectAlternativeNames()));
        assertEquals(List.of(List.of(2, "harp.client.nc")), List.copyOf(client.getSubjectAlternativeNames()));
        for (X509Certificate c : List.of(ca, server, client)) {
            assertEquals("SHA256withRSA", c.getSigAlgName());
            assertEquals(2048, ((RSAPublicKey) c.getPublicKey()).getModulus().bitLength());
            long days = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
            assertEquals(123, days);
        }
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "CA flag");
        assertTrue(Files.readString(dir.resolve("client.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))));
        assertEquals("rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.key"))));
        // Keys load into Netty contexts as frps/frpc would use them.
        TunnelTls.harpServer(dir);
        TunnelTls.harpClient(dir);

        FileTime before = Files.getLastModifiedTime(dir.resolve("ca.crt"));
        assertFalse(HarpCertificates.ensure(dir, 123), "existing layout kept");
        assertEquals(before, Files.getLastModifiedTime(dir.resolve("ca.crt")));
    }

    @Test
    void incompleteDirectoryIsNotOverwritten(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("ca.crt"), "x");
        assertThrows(IllegalStateException.class, () -> HarpCertificates.ensure(tmp, 10));
        assertEquals("x", Files.readString(tmp.resolve("ca.crt")));
    }

    @Test
    void validityMustBePositive(@TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> HarpCertificates.ensure(tmp, 0));
    }
}
