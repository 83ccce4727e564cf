package io.harpoon.tunnel.testutil;

import java.util.HexFormat;

/** Hex vectors as written in spec/frp-wire.md §15 (spaces ignored). */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
