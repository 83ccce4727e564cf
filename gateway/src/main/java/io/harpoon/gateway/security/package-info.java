/**
 * Brute-force protection and client addresses (spec §10, §16 Q1/Q4/Q5/Q6). Pure logic with an injected clock;
 * {@link io.harpoon.gateway.security.FrpLoginHook} applies the same ban list to FRP logins (§11.3).
 */
package io.harpoon.gateway.security;
