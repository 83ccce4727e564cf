/**
 * Sample GPU ExApp: vector similarity search behind the AppAPI ExApp contract (spec/exapp-contract.md).
 *
 * <p>Netty's three-file shape: {@link io.harpoon.exapp.ExAppServer} (bootstrap, listening mode),
 * {@code ExAppInitializer} (pipeline), {@code ExAppHandler} (decides). {@code contract} holds the AppAPI side,
 * {@code vectors} the collections, {@code compute} the backends; {@code cli} the picocli commands.
 */
package io.harpoon.exapp;
