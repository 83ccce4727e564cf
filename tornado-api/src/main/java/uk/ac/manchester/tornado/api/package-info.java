/**
 * Compile-only declarations of the TornadoVM API types Harpoon's {@code tornado} backend uses, under their real
 * package names, because TornadoVM is not published on Maven Central. This module is a {@code provided}
 * dependency: never shaded, never on a runtime class path. Under the TornadoVM launcher the real classes are
 * on the path instead. Every method body here throws.
 */
package uk.ac.manchester.tornado.api;
