package io.harpoon.tunnel.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * frp's token arithmetic (spec/frp-wire.md §7.1, §8.2): the login privilege key and the AES-128 key of the control
 * channel and of encrypted work connections. Tokens are never logged.
 */
public final class FrpAuth {
    /** frp sets golib's {@code crypto.DefaultSalt} to "frp" in both frpc and frps. */
    public static final byte[] SALT = "frp".getBytes(StandardCharsets.US_ASCII);
    public static final int PBKDF2_ITERATIONS = 64;
    public static final int KEY_BYTES = 16;

    private FrpAuth() {
    }

    /** {@code lowercase hex(MD5(token ‖ decimal(timestamp)))}; an empty token (HaRP) hashes the timestamp alone. */
    public static String privilegeKey(String token, long timestamp) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(token.getBytes(StandardCharsets.UTF_8));
            md5.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    /** Constant-time check of a received privilege key. */
    public static boolean verifyPrivilegeKey(String token, long timestamp, String received) {
        if (received == null) {
            return false;
        }
        byte[] want = privilegeKey(token, timestamp).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(want, received.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time string comparison (HaRP's {@code metas.token} against the shared key). */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * PBKDF2-HMAC-SHA1(token, "frp", 64, 16). Written over {@link Mac} rather than {@code SecretKeyFactory} because the
     * JDK refuses empty passwords and HaRP's token is empty; HMAC pads any key shorter than a block with zeros, so an
     * empty key equals the one-byte key {@code 00}.
     */
    public static byte[] aesKey(String token) {
        byte[] password = token.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA1"));
            mac.update(SALT);
            mac.update(new byte[] {0, 0, 0, 1}); // block index 1: 16 bytes fit in one SHA-1 block of 20
            byte[] u = mac.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < PBKDF2_ITERATIONS; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            byte[] key = new byte[KEY_BYTES];
            System.arraycopy(t, 0, key, 0, KEY_BYTES);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
    }
}
