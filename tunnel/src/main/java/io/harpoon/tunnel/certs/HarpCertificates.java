package io.harpoon.tunnel.certs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * HaRP's FRP PKI in {@code $HP_CERTS_DIR/frp} (harp-contract.md §11.2): a CA {@code CN=harp.nc}, a server certificate
 * {@code CN=harp.nc, SAN DNS:harp.nc} and one client certificate {@code CN=harp.client.nc, SAN DNS:harp.client.nc}
 * shared by every frpc; RSA 2048, SHA-256, PEM, unencrypted PKCS#8 keys (as OpenSSL 3 writes them).
 *
 * <p>Generated only when none of the files exist, so existing volumes and certificates already copied into ExApps
 * keep working. Certificates are world-readable; {@code ca.key} and {@code server.key} are owner-only;
 * {@code client.key} is readable like the certificates because it is handed to every client anyway.
 */
public final class HarpCertificates {
    public static final String CA_CN = "harp.nc";
    public static final String SERVER_NAME = "harp.nc";
    public static final String CLIENT_NAME = "harp.client.nc";
    public static final int DEFAULT_VALIDITY_DAYS = 5000;
    /** The files frps and frpc read. */
    public static final List<String> REQUIRED = List.of("ca.crt", "server.crt", "server.key", "client.crt",
            "client.key");

    private static final SecureRandom RANDOM = new SecureRandom();

    private HarpCertificates() {
    }

    /** An in-memory key pair and certificate. */
    public record KeyAndCertificate(java.security.PrivateKey key, X509Certificate certificate) {
    }

    /** A self-signed RSA-2048/SHA-256 certificate {@code CN=cn} without SAN (frps' fallback server certificate). */
    public static KeyAndCertificate selfSigned(String cn, int days) {
        try {
            KeyPair key = rsa();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + cn);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(days))), name,
                    key.getPublic());
            return new KeyAndCertificate(key.getPrivate(), sign(b, key));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("generating a self-signed certificate", e);
        }
    }

    /** {@code $HP_CERTS_DIR/frp}, {@code HP_CERTS_DIR} defaulting to {@code /certs}. */
    public static Path defaultDirectory() {
        String base = System.getenv("HP_CERTS_DIR");
        return Path.of(base == null || base.isBlank() ? "/certs" : base, "frp");
    }

    /** {@code HP_FRP_CERT_VALIDITY_DAYS} or 5000. */
    public static int defaultValidityDays() {
        String v = System.getenv("HP_FRP_CERT_VALIDITY_DAYS");
        if (v == null || v.isBlank()) {
            return DEFAULT_VALIDITY_DAYS;
        }
        try {
            int d = Integer.parseInt(v.trim());
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException("HP_FRP_CERT_VALIDITY_DAYS: " + v + " (expected: a positive integer)");
    }

    /**
     * Creates the layout in {@code dir} unless it is already there. Returns true when files were generated.
     *
     * @throws IllegalStateException when only some of the files exist (a half-copied volume must not be overwritten)
     */
    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return System.getProperty("user.name");
        }
    }

    public static boolean ensure(Path dir, int validityDays) {
        requireNonNull(dir, "dir");
        if (validityDays <= 0) {
            throw new IllegalArgumentException("validityDays: " + validityDays + " (expected: > 0)");
        }
        List<String> present = new ArrayList<>();
        for (String f : REQUIRED) {
            if (Files.exists(dir.resolve(f))) {
                present.add(f);
            }
        }
        if (present.size() == REQUIRED.size()) {
            List<String> unreadable = present.stream().filter(f -> !Files.isReadable(dir.resolve(f))).toList();
            if (!unreadable.isEmpty()) {
                // e.g. a HaRP volume (root-owned, keys 0600) mounted into a non-root container: say so, instead
                // of the TLS library's "does not contain valid private key"
                throw new IllegalStateException("certificate directory " + dir + ": " + unreadable
                        + " not readable by this process (uid " + uid() + "); fix the owner or mode, or run as the"
                        + " files' owner");
            }
            return false;
        }
        if (!present.isEmpty()) {
            throw new IllegalStateException("certificate directory " + dir + " is incomplete: has " + present
                    + " (expected: all of " + REQUIRED + " or none)");
        }
        try {
            Files.createDirectories(dir);
            generate(dir, validityDays);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("writing certificates to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("generating certificates", e);
        }
    }

    private static void generate(Path dir, int days) throws IOException, GeneralSecurityException,
            OperatorCreationException {
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofMinutes(5)));
        Date to = Date.from(now.plus(Duration.ofDays(days)));
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

        KeyPair caKey = rsa();
        X500Name caName = new X500Name("CN=" + CA_CN);
        X509v3CertificateBuilder cab = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName,
                caKey.getPublic());
        cab.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        cab.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        cab.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKey.getPublic()));
        X509Certificate ca = sign(cab, caKey);

        writeLeaf(dir, "server", SERVER_NAME, KeyPurposeId.id_kp_serverAuth, ca, caKey, from, to, ext, false);
        writeLeaf(dir, "client", CLIENT_NAME, KeyPurposeId.id_kp_clientAuth, ca, caKey, from, to, ext, true);
        write(dir.resolve("ca.key"), pemKey(caKey), false);
        write(dir.resolve("ca.crt"), pem(ca), true);
        write(dir.resolve("ca.srl"), serial().toString(16).toUpperCase() + "\n", true);
    }

    private static void writeLeaf(Path dir, String base, String cn, KeyPurposeId purpose, X509Certificate ca,
            KeyPair caKey, Date from, Date to, JcaX509ExtensionUtils ext, boolean keyReadable)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair key = rsa();
        X500Name subject = new X500Name("CN=" + cn);
        GeneralNames san = new GeneralNames(new GeneralName(GeneralName.dNSName, cn));
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                .build(signer(key));
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), from, to, subject, key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        b.addExtension(Extension.subjectAlternativeName, false, san);
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
        X509Certificate cert = sign(b, caKey);
        write(dir.resolve(base + ".key"), pemKey(key), keyReadable);
        write(dir.resolve(base + ".csr"), pem(csr), true);
        write(dir.resolve(base + ".crt"), pem(cert), true);
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, RANDOM);
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).setBit(63);
    }

    private static ContentSigner signer(KeyPair key) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKey)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(b.build(signer(issuerKey)));
    }

    private static String pem(Object o) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(o);
        }
        return sw.toString();
    }

    private static String pemKey(KeyPair key) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(key.getPrivate(), null));
        }
        return sw.toString();
    }

    private static void write(Path file, String content, boolean worldReadable) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(worldReadable ? "rw-r--r--"
                    : "rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system (Windows): keep the defaults.
        }
    }
}
