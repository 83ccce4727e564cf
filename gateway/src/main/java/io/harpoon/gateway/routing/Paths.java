package io.harpoon.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Path rules of spec §7: {@code ..} detection in any encoding and the {@code /exapps/<appid>} split. */
public final class Paths {
    /** Unanchored like HaRP's regex (§16 Q10): the first {@code /exapps/<appid>} segment pair anywhere. */
    private static final Pattern EXAPPS = Pattern.compile("/exapps/([^/]+)");
    /** Percent-decoding rounds: catches {@code %2e}, {@code %252e} and {@code %25252e}. */
    static final int DECODE_ROUNDS = 3;

    private Paths() {
    }

    /** App id (original case) and target path (never empty). */
    public record Split(String appId, String targetPath) {
    }

    public static Optional<Split> split(String path) {
        Matcher m = EXAPPS.matcher(path);
        if (!m.find()) {
            return Optional.empty();
        }
        String rest = path.substring(m.end());
        return Optional.of(new Split(m.group(1), rest.isEmpty() ? "/" : rest));
    }

    /** True when any segment is {@code ..} after up to {@link #DECODE_ROUNDS} percent-decodings ({@code /} or {@code \}). */
    public static boolean hasDotDotSegment(String path) {
        String p = path;
        for (int round = 0; round <= DECODE_ROUNDS; round++) {
            for (String seg : p.split("[/\\\\]", -1)) {
                if (seg.equals("..")) {
                    return true;
                }
            }
            String next = percentDecode(p);
            if (next.equals(p)) {
                return false;
            }
            p = next;
        }
        return false;
    }

    /** Lenient percent-decoding: invalid escapes stay as they are. */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return Character.digit(c, 16);
    }
}
