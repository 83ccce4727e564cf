/** The {@code harpoon gateway} picocli command; the launcher module composes it. */
package io.harpoon.gateway.cli;
