package io.harpoon.engines.exapp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code install_certificates} (spec §8.5 steps 1-4). Files arrive as one tar uploaded to {@code /} (directories
 * included, so images without {@code mkdir}, e.g. FROM scratch, work too); only the trust-store update runs a
 * command in the container.
 *
 * <table>
 *   <caption>OS families (os-release {@code ID} / {@code ID_LIKE})</caption>
 *   <tr><td>alpine, debian, ubuntu</td><td>{@code /usr/local/share/ca-certificates}, {@code update-ca-certificates}</td></tr>
 *   <tr><td>centos, almalinux, rhel, fedora</td><td>{@code /etc/pki/ca-trust/source/anchors},
 *       {@code update-ca-trust extract}</td></tr>
 *   <tr><td>other / no os-release</td><td>system bundle skipped with a warning; FRP certificates still installed</td></tr>
 * </table>
 */
final class CertificateInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateInstaller.class);
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);
    static final List<String> FRP_FILES = List.of("ca.crt", "client.crt", "client.key");

    private CertificateInstaller() {
    }

    /** @param frpCerts the gateway's {@code /certs/frp}, empty when FRP TLS is off */
    static ActionResult install(DockerClient d, String container, String bundle, boolean frp,
            Optional<Path> frpCerts) throws InterruptedException {
        boolean running = Boolean.TRUE.equals(d.inspectContainerCmd(container).exec().getState().getRunning());
        if (!running) {
            d.startContainerCmd(container).exec();
        }
        try {
            if (bundle != null && !bundle.isBlank()) {
                systemBundle(d, container, bundle);
            }
            if (frp && frpCerts.isPresent()) {
                upload(d, container, frpFiles(frpCerts.get()));
            }
            return ActionResult.noContent();
        } finally {
            if (!running) {
                try {
                    d.stopContainerCmd(container).exec();
                } catch (NotModifiedException alreadyStopped) {
                    // it exited by itself
                }
            }
        }
    }

    private static void systemBundle(DockerClient d, String container, String bundle) throws InterruptedException {
        ContainerExec.Result os = ContainerExec.run(d, container, 30, "cat", "/etc/os-release");
        String family = family(os.exitCode() == 0 ? os.output() : "");
        String dir;
        String[] update;
        switch (family) {
            case "debian" -> {
                dir = "usr/local/share/ca-certificates/";
                update = new String[] {"update-ca-certificates"};
            }
            case "rhel" -> {
                dir = "etc/pki/ca-trust/source/anchors/";
                update = new String[] {"update-ca-trust", "extract"};
            }
            default -> {
                LOG.warn("{}: unknown OS ({}), Nextcloud's CA bundle not installed", container,
                        os.exitCode() == 0 ? "os-release without a known ID" : "no /etc/os-release");
                return;
            }
        }
        List<TarFile> files = new ArrayList<>();
        Matcher m = PEM.matcher(bundle);
        int i = 0;
        while (m.find()) {
            files.add(new TarFile(dir + "custom_ca_cert_" + i++ + ".crt",
                    (m.group() + "\n").getBytes(StandardCharsets.US_ASCII), 0644));
        }
        if (files.isEmpty()) {
            LOG.warn("{}: system_certs_bundle holds no PEM certificate; nothing installed", container);
            return;
        }
        upload(d, container, files);
        ContainerExec.Result r = ContainerExec.run(d, container, 60, update);
        if (r.exitCode() != 0) {
            LOG.warn("{}: {} exited {}: {}", container, String.join(" ", update), r.exitCode(), r.output().strip());
        }
    }

    /** {@code debian} (Alpine, Debian, Ubuntu), {@code rhel} (CentOS, AlmaLinux, RHEL, Fedora) or {@code other}. */
    static String family(String osRelease) {
        String ids = "";
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("ID=") || line.startsWith("ID_LIKE=")) {
                ids += " " + line.substring(line.indexOf('=') + 1).replace("\"", "").toLowerCase(Locale.ROOT);
            }
        }
        for (String id : ids.strip().split("\\s+")) {
            switch (id) {
                case "alpine", "debian", "ubuntu" -> {
                    return "debian";
                }
                case "centos", "almalinux", "rhel", "fedora" -> {
                    return "rhel";
                }
                default -> { }
            }
        }
        return "other";
    }

    private static List<TarFile> frpFiles(Path dir) {
        List<TarFile> files = new ArrayList<>();
        for (String f : FRP_FILES) {
            try {
                files.add(new TarFile("certs/frp/" + f, Files.readAllBytes(dir.resolve(f)),
                        f.endsWith(".key") ? 0600 : 0644));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(f), e);
            }
        }
        return files;
    }

    record TarFile(String path, byte[] content, int mode) {
    }

    static void upload(DockerClient d, String container, List<TarFile> files) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
            List<String> dirs = new ArrayList<>();
            for (TarFile f : files) {
                String parent = f.path().substring(0, f.path().lastIndexOf('/') + 1);
                StringBuilder p = new StringBuilder();
                for (String part : parent.split("/")) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    p.append(part).append('/');
                    if (!dirs.contains(p.toString())) {
                        dirs.add(p.toString());
                        TarArchiveEntry e = new TarArchiveEntry(p.toString());
                        e.setMode(040755);
                        tar.putArchiveEntry(e);
                        tar.closeArchiveEntry();
                    }
                }
                TarArchiveEntry e = new TarArchiveEntry(f.path());
                e.setSize(f.content().length);
                e.setMode(0100000 | f.mode());
                tar.putArchiveEntry(e);
                tar.write(f.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        d.copyArchiveToContainerCmd(container).withRemotePath("/")
                .withTarInputStream(new ByteArrayInputStream(buf.toByteArray())).exec();
    }
}
