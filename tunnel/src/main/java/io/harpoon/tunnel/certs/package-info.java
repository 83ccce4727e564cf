/** HaRP's FRP certificate layout (BouncyCastle) and the TLS contexts built from it. */
package io.harpoon.tunnel.certs;
