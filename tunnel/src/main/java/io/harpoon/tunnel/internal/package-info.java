/** Helpers shared by the server and the client; not API. */
package io.harpoon.tunnel.internal;
