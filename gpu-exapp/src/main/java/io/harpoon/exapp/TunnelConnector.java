package io.harpoon.exapp;

/**
 * The seam for HaRP's FRP mode. With {@code HP_SHARED_KEY} set the server listens on a unix socket; something must
 * then carry HaRP's traffic to it. By default that is {@link FrpClientConnector}, the tunnel module's Java frpc;
 * with {@code HARPOON_EXAPP_TUNNEL=external} it is the upstream {@code start.sh} wrapper running {@code frpc}
 * ({@link #EXTERNAL_FRPC} only logs). Either way it does what start.sh configures frpc to do
 * (spec/exapp-contract.md §6.2):
 *
 * <pre>
 *   server      frp.address():frp.port()            retry login forever (loginFailExit = false)
 *   auth        token = frp.sharedKey()             (metadatas.token)
 *   TLS         frp.certs() present: mutual TLS with client.crt, client.key, ca.crt, server name "harp.nc";
 *               absent: TLS off
 *   proxy       type tcp, name = config.appId(), remotePort = config.appPort()
 *   target      each work connection relayed to the unix socket frp.socket() (already listening)
 * </pre>
 *
 * {@link #start} is called once the socket listens and must not block; {@link #close} runs before the server
 * stops. Never log {@code frp.sharedKey()}.
 */
public interface TunnelConnector extends AutoCloseable {

    /** Connects to HaRP's frps and starts relaying work connections to {@code frp.socket()}. Must not block. */
    void start(ExAppConfig config, ExAppConfig.Frp frp) throws Exception;

    @Override
    default void close() {
    }

    /** The connector {@code config} asks for: {@link #EXTERNAL_FRPC} or a new {@link FrpClientConnector}. */
    static TunnelConnector forConfig(ExAppConfig config) {
        return config.frp().filter(f -> !f.externalFrpc()).isPresent() ? new FrpClientConnector() : EXTERNAL_FRPC;
    }

    /** Relies on an external frpc (HaRP's start.sh); only logs what it expects. */
    TunnelConnector EXTERNAL_FRPC = (config, frp) -> org.slf4j.LoggerFactory.getLogger(TunnelConnector.class)
            .info("FRP mode: serving on {}; expecting an external frpc (start.sh) to dial {}:{} as proxy {} with"
                    + " remote port {}", frp.socket(), frp.address(), frp.port(), config.appId(), config.appPort());
}
