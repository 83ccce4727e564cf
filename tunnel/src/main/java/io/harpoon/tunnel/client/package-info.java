/** The Java frpc: {@link io.harpoon.tunnel.client.TunnelClient}, used by gpu-exapp and by tests. */
package io.harpoon.tunnel.client;
