/**
 * frp wire v1 messages and their frame codec (spec/frp-wire.md §6): {@link io.harpoon.tunnel.wire.FrpMessageType}
 * pins the type bytes, {@link io.harpoon.tunnel.wire.FrpMessage} has one record per message, and
 * {@link io.harpoon.tunnel.wire.FrpFrameDecoder}/{@link io.harpoon.tunnel.wire.FrpFrameEncoder} translate bytes.
 * Nothing here opens a socket or decides what a message means.
 */
package io.harpoon.tunnel.wire;
