package io.harpoon.exapp;

/**
 * The seam for HaRP's FRP mode. With {@code HP_SHARED_KEY} set the server listens on a unix socket; something must
 * then carry HaRP's traffic to it. Today that is the upstream {@code start.sh} wrapper running {@code frpc}
 * (proxy name APP_ID, remote port APP_PORT, plugin {@code unix_domain_socket}); the built-in Java tunnel client
 * of the {@code tunnel} module will implement this interface and be passed to {@link ExAppServer}.
 */
public interface TunnelConnector extends AutoCloseable {

    /** Connects to HaRP's frps and starts relaying work connections to {@code frp.socket()}. Must not block. */
    void start(ExAppConfig config, ExAppConfig.Frp frp) throws Exception;

    @Override
    default void close() {
    }

    /** Relies on an external frpc (HaRP's start.sh); only logs what it expects. */
    TunnelConnector EXTERNAL_FRPC = (config, frp) -> org.slf4j.LoggerFactory.getLogger(TunnelConnector.class)
            .info("FRP mode: serving on {}; expecting an external frpc (start.sh) to dial {}:{} as proxy {} with"
                    + " remote port {}", frp.socket(), frp.address(), frp.port(), config.appId(), config.appPort());
}
