/**
 * Environment configuration (spec harp-contract.md §4): parsing, defaults and validation. No I/O besides reading
 * {@code HP_SHARED_KEY_FILE} and creating the standalone key; no Netty.
 */
package io.harpoon.gateway.config;
