/**
 * The {@code harpoon} launcher's entry point: composes the picocli commands each module owns
 * ({@code kernels}, {@code gateway}, {@code placements}, {@code exapp}, later {@code engines}) and holds no logic of
 * theirs. The one command of its own is {@code healthcheck}: the gateway image's Docker HEALTHCHECK, which has to
 * run inside a {@code FROM scratch} image with no shell or curl (docker/README.md).
 */
package io.harpoon.cli;
