/**
 * The AppAPI ExApp contract: verifying AppAPI's signature headers ({@link io.harpoon.exapp.contract.AppApiAuth}),
 * {@code /init} with progress reported to Nextcloud over OCS, {@code /enabled} semantics. Netty-free; the handler
 * in {@code io.harpoon.exapp} adapts requests to these classes. Never logs a header value.
 */
package io.harpoon.exapp.contract;
