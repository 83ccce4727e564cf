/**
 * Brute-force protection and client addresses (spec §10, §16 Q1/Q4/Q5/Q6). Pure logic with an injected clock.
 */
package io.harpoon.gateway.security;
