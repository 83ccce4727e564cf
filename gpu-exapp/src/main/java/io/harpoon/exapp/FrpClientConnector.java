package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import io.harpoon.tunnel.certs.TunnelTls;
import io.harpoon.tunnel.client.TunnelClient;
import io.harpoon.tunnel.config.ProxySpec;
import io.harpoon.tunnel.config.TunnelClientConfig;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in frpc: the tunnel module's {@link TunnelClient} configured as HaRP's start.sh configures frpc
 * (spec/exapp-contract.md §6.2, harp-contract.md §11.4), so an ExApp image needs no frpc binary.
 *
 * <pre>
 *   ExApp container                                   HaRP
 *   /tmp/exapp.sock  &lt;-- work conns --  TunnelClient  ==mTLS+yamux==&gt;  frps :8782  -&gt;  127.0.0.1:APP_PORT
 *   (ExAppServer)        (unix_domain_socket)   proxy APP_ID, remotePort APP_PORT, metas.token = HP_SHARED_KEY
 * </pre>
 *
 * The configuration is {@code HarpExAppTunnel.clientConfig(env)}'s, built from the already validated
 * {@link ExAppConfig.Frp} with two differences that matter for a long-lived container: the server address stays
 * unresolved, so every reconnect looks HaRP's name up again (a recreated HaRP container may get another IP), and
 * the backoff is a parameter (tests shorten it). {@link #start} only starts connecting; login failures, a missing
 * HaRP and lost sessions are retried forever ({@code loginFailExit = false}) while the ExApp keeps serving on its
 * socket. The shared key goes only into the Login message; it is never logged.
 */
public final class FrpClientConnector implements TunnelConnector {
    private static final Logger LOG = LoggerFactory.getLogger(FrpClientConnector.class);
    /** frpc's reconnect backoff: 1 s, doubling, capped at 20 s. */
    public static final Duration FRPC_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration FRPC_MAX_BACKOFF = Duration.ofSeconds(20);
    /** What AppAPI's install_certificates copies into the ExApp's {@code /certs/frp}. */
    static final List<String> CLIENT_FILES = List.of("ca.crt", "client.crt", "client.key");

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile TunnelClient client;
    private volatile boolean closed;

    /** With frpc's backoff. */
    public FrpClientConnector() {
        this(FRPC_INITIAL_BACKOFF, FRPC_MAX_BACKOFF);
    }

    public FrpClientConnector(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff");
    }

    /**
     * The frpc configuration start.sh would write for this ExApp.
     *
     * @throws IllegalArgumentException when the certificate folder exists without the client files (frpc would
     *         exit there too; failing at start says which file is missing)
     */
    public static TunnelClientConfig clientConfig(ExAppConfig config, ExAppConfig.Frp frp) throws SSLException {
        requireNonNull(config, "config");
        requireNonNull(frp, "frp");
        SslContext tls = null;
        if (frp.certs().isPresent()) {
            Path dir = frp.certs().get();
            for (String f : CLIENT_FILES) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    throw new IllegalArgumentException("HP_CERTS_DIR: " + dir + " lacks " + f + " (expected: "
                            + String.join(", ", CLIENT_FILES) + " as AppAPI copies them, or no frp folder for TLS off)");
                }
            }
            tls = TunnelTls.harpClient(dir);
        }
        return TunnelClientConfig.harp(InetSocketAddress.createUnresolved(frp.address(), frp.port()), tls,
                frp.sharedKey(), List.of(ProxySpec.unixSocket(config.appId(), config.appPort(), frp.socket())));
    }

    @Override
    public void start(ExAppConfig config, ExAppConfig.Frp frp) throws SSLException {
        if (client != null || closed) {
            throw new IllegalStateException("start: called twice or after close (expected: once)");
        }
        TunnelClientConfig cfg = clientConfig(config, frp).withBackoff(initialBackoff, maxBackoff);
        TunnelClient c = new TunnelClient(cfg);
        client = c;
        LOG.info("FRP mode: built-in tunnel client dialling {}:{} ({}) as proxy [{}] with remote port {} -> {}",
                frp.address(), frp.port(), frp.certs().map(d -> "mutual TLS with " + d).orElse("TLS off"),
                config.appId(), config.appPort(), frp.socket());
        c.start().whenComplete((runId, failure) -> {
            if (failure == null) {
                LOG.info("FRP mode: tunnel up, run id [{}]", runId);
            } else if (!closed) {
                // The message is the server's reason (e.g. "token in login doesn't match"), never the key.
                LOG.warn("FRP mode: first login failed ({}); retrying with backoff, still serving on {}",
                        failure.getMessage(), frp.socket());
            }
        });
    }

    /** The running client (state, logins, registered proxies), empty before {@link #start}. */
    public Optional<TunnelClient> client() {
        return Optional.ofNullable(client);
    }

    @Override
    public void close() {
        closed = true;
        TunnelClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
