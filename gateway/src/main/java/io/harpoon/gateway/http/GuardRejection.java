package io.harpoon.gateway.http;

/** Emitted by {@link RequestGuard} in place of bytes it refused; the frontend answers 400 and closes. */
record GuardRejection(String reason) {
}
