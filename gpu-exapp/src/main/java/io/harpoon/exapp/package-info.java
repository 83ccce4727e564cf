/**
 * Sample GPU ExApp: vector similarity search behind the AppAPI ExApp contract (spec/exapp-contract.md).
 *
 * <p>Netty's three-file shape: {@link io.harpoon.exapp.ExAppServer} (bootstrap, listening mode),
 * {@code ExAppInitializer} (pipeline), {@code ExAppHandler} (decides). {@code contract} holds the AppAPI side,
 * {@code vectors} the collections, {@code compute} the backends; {@code cli} the picocli commands.
 *
 * <p>HaRP's FRP mode: {@link io.harpoon.exapp.TunnelConnector} is the seam between the server and whatever carries
 * HaRP's traffic to the unix socket; {@link io.harpoon.exapp.FrpClientConnector} (the default) runs the tunnel
 * module's Java frpc as start.sh would configure frpc, {@code TunnelConnector.EXTERNAL_FRPC} leaves it to an
 * external frpc ({@code HARPOON_EXAPP_TUNNEL=external}).
 */
package io.harpoon.exapp;
