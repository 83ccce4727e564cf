/** Validated settings records for the tunnel server and client, with HaRP's defaults. */
package io.harpoon.tunnel.config;
