/** What the gateway and gpu-exapp may call besides the server and client classes: streams and the login hook. */
package io.harpoon.tunnel.api;
