package io.harpoon.cli;

import io.harpoon.gateway.config.ConfigException;
import io.harpoon.gateway.config.EnvValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code harpoon healthcheck}: the gateway image's Docker {@code HEALTHCHECK} (harp-contract.md §2). HaRP's
 * {@code /healthcheck.sh} needs a shell, curl and nc; a {@code FROM scratch} image has none of them, so the same
 * probes live here and the exit status is what Docker reads: 0 healthy, 1 unhealthy.
 *
 * <table>
 *   <caption>Probes (addresses from the container's own environment, as the gateway reads them)</caption>
 *   <tr><th>Probe</th><th>Target</th><th>Healthy when</th></tr>
 *   <tr><td>control</td><td>{@code GET http://HARPOON_CONTROL_ADDRESS/heartbeat} (127.0.0.1:8200)</td>
 *       <td>status 200</td></tr>
 *   <tr><td>http</td><td>TCP connect {@code HP_EXAPPS_ADDRESS} (8780)</td><td>accepted</td></tr>
 *   <tr><td>frp</td><td>TCP connect {@code HP_FRP_ADDRESS} (8782)</td><td>accepted</td></tr>
 *   <tr><td>https</td><td>TCP connect {@code HP_EXAPPS_HTTPS_ADDRESS} (8781), only if {@code cert.pem} exists in
 *       the certificate directory</td><td>accepted</td></tr>
 * </table>
 *
 * <p>A wildcard bind address ({@code 0.0.0.0}, {@code ::}) is probed on 127.0.0.1. Each probe has its own timeout
 * ({@code --timeout}, default 5 s, like HaRP's curl), well inside Docker's 10 s check timeout. The class has its own
 * {@link #main} so the image can run it without composing every other subcommand (shorter JVM start every 10 s).
 */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
        description = "Probe the local gateway like HaRP's /healthcheck.sh: /heartbeat on the control port plus TCP "
                + "connects to the HTTP, FRP and (when cert.pem exists) HTTPS ports. Exit 0 healthy, 1 not.")
public final class HealthcheckCommand implements Callable<Integer> {
    public static final int HEALTHY = 0;
    public static final int UNHEALTHY = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds per probe (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-q", "--quiet"}, description = "Print failures only.")
    boolean quiet;

    /** The environment read; tests substitute their own. */
    Map<String, String> environment = System.getenv();

    /** One probe: a name for the output and the address to reach. */
    record Probe(String name, InetSocketAddress target, boolean http) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HealthcheckCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Probe> probes;
        try {
            probes = probes(environment);
        } catch (ConfigException e) {
            out.println("unhealthy: " + e.getMessage());
            out.flush();
            return UNHEALTHY;
        }
        int timeoutMillis = Math.max(1, timeoutSeconds) * 1000;
        boolean healthy = true;
        for (Probe p : probes) {
            String failure = p.http() ? heartbeat(p.target(), timeoutMillis) : connect(p.target(), timeoutMillis);
            healthy &= failure == null;
            if (failure != null || !quiet) {
                out.println((failure == null ? "ok   " : "FAIL ") + p.name() + " " + p.target().getHostString() + ":"
                        + p.target().getPort() + (failure == null ? "" : ": " + failure));
            }
        }
        out.flush();
        return healthy ? HEALTHY : UNHEALTHY;
    }

    /** The probes for this environment, with the gateway's defaults (GatewayConfig) for unset variables. */
    static List<Probe> probes(Map<String, String> env) {
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("control", local("HARPOON_CONTROL_ADDRESS", env, "127.0.0.1:8200"), true));
        probes.add(new Probe("http", local("HP_EXAPPS_ADDRESS", env, "0.0.0.0:8780"), false));
        probes.add(new Probe("frp", local("HP_FRP_ADDRESS", env, "0.0.0.0:8782"), false));
        if (Files.exists(certsDir(env).resolve("cert.pem"))) {
            probes.add(new Probe("https", local("HP_EXAPPS_HTTPS_ADDRESS", env, "0.0.0.0:8781"), false));
        }
        return probes;
    }

    /** Same rule as GatewayConfig: HP_CERTS_DIR, else /certs with Nextcloud, else $HARPOON_DATA_DIR/certs. */
    static Path certsDir(Map<String, String> env) {
        String certs = env.get("HP_CERTS_DIR");
        if (certs != null && !certs.isBlank()) {
            return Path.of(EnvValues.stripQuotes(certs));
        }
        String nc = EnvValues.stripQuotes(env.getOrDefault("NC_INSTANCE_URL", ""));
        return nc.isEmpty() ? Path.of(env.getOrDefault("HARPOON_DATA_DIR", "./data"), "certs") : Path.of("/certs");
    }

    private static InetSocketAddress local(String name, Map<String, String> env, String fallback) {
        InetSocketAddress a = EnvValues.address(name, env.getOrDefault(name, fallback));
        String host = a.getHostString();
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
        return InetSocketAddress.createUnresolved(wildcard ? "127.0.0.1" : host, a.getPort());
    }

    /** TCP connect only (HaRP: {@code nc -z}); null when accepted, else the reason. */
    static String connect(InetSocketAddress target, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.getHostString(), target.getPort()), timeoutMillis);
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * {@code GET /heartbeat} over a plain socket (HaRP: {@code curl -f}): no HTTP client to start up; the status line
     * is all that is read. Null on 200, else the reason.
     */
    static String heartbeat(InetSocketAddress target, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.getHostString(), target.getPort()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream o = s.getOutputStream();
            o.write(("GET /heartbeat HTTP/1.1\r\nHost: " + target.getHostString() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
            String status = statusLine(s.getInputStream());
            return status.startsWith("HTTP/1.1 200 ") || status.equals("HTTP/1.1 200") || status.startsWith("HTTP/1.0 200")
                    ? null : "answered '" + status + "'";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && b.length() < 200; c = in.read()) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
