package io.harpoon.tunnel.crypto;

/** A work-stream codec gave up on its input (e.g. a snappy checksum mismatch); the relay closes both sides. */
public record StreamCodecFailure(String codec, String reason) {
    @Override
    public String toString() {
        return codec + ": " + reason;
    }
}
