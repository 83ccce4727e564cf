package io.harpoon.kernels.jdk;

import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** CFB128 over {@code AES/ECB/NoPadding}; state in {@link CfbStream}, the ECB cipher cached as its attachment. */
final class JdkCfb {
    private static final int B = CfbStream.BLOCK_BYTES;

    private JdkCfb() {
    }

    /** Per-stream cache: an initialised ECB cipher and a scratch buffer for batched decryption. */
    private static final class State {
        final Cipher ecb;
        byte[] scratch = new byte[0];

        State(Cipher ecb) {
            this.ecb = ecb;
        }
    }

    static void process(CfbDirection dir, CfbStream s, byte[] data, int off, int len) throws GeneralSecurityException {
        State st = (State) s.attachment(Backend.JDK);
        if (st == null) {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(s.key(), "AES"));
            st = new State(c);
            s.attach(Backend.JDK, st);
        }
        byte[] reg = s.register();
        byte[] ks = s.keystream();
        boolean enc = dir == CfbDirection.ENCRYPT;
        int used = s.used();
        int pos = off;
        int end = off + len;
        // 1. Finish the current keystream block byte by byte.
        while (used < B && pos < end) {
            pos = step(enc, data, pos, reg, ks, used);
            used++;
        }
        // 2. Whole blocks.
        int blocks = (end - pos) / B;
        if (blocks > 0) {
            if (enc) {
                for (int b = 0; b < blocks; b++) {
                    block(st.ecb, reg, ks);
                    for (int j = 0; j < B; j++) {
                        byte c = (byte) (data[pos + j] ^ ks[j]);
                        data[pos + j] = c;
                        reg[j] = c;
                    }
                    pos += B;
                }
            } else {
                // keystream[j] = AES(C[j-1]), C[-1] = register: ECB(register) then one ECB pass over
                // C[0..blocks-2] straight from the input, into a scratch buffer (never in place: SunJCE copies
                // overlapping input first, which costs more than the cipher).
                int n = blocks * B;
                if (st.scratch.length < n) {
                    st.scratch = new byte[n];
                }
                byte[] x = st.scratch;
                block(st.ecb, reg, x);
                if (n > B) {
                    int done = st.ecb.update(data, pos, n - B, x, B);
                    if (done != n - B) {
                        throw new ShortBufferException("ECB returned " + done + " of " + (n - B) + " bytes");
                    }
                }
                System.arraycopy(data, pos + n - B, reg, 0, B); // next register = last ciphertext block
                xor(data, pos, x, n);
                pos += n;
                // The last block's keystream is gone but fully used: used stays 16.
            }
            used = B;
        }
        // 3. Tail: a fresh keystream block, used partially.
        if (pos < end) {
            block(st.ecb, reg, ks);
            used = 0;
            while (pos < end) {
                pos = step(enc, data, pos, reg, ks, used);
                used++;
            }
        }
        s.used(used);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * {@code data[pos..pos+n) ^= x[0..n)}, n a multiple of 16, eight bytes at a time: a plain byte loop here was
     * measured at ~2.6 ns/byte when C2 did not vectorise it (two byte[] that may alias), 30x the ECB pass itself.
     */
    /** Whether the Vector API is loaded ({@code --add-modules jdk.incubator.vector}, as the launcher passes). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static void xor(byte[] data, int pos, byte[] x, int n) {
        if (VECTOR) {
            VectorXor.xor(data, pos, x, n);
            return;
        }
        xorScalar(data, pos, x, n);
    }

    static void xorScalar(byte[] data, int pos, byte[] x, int n) {
        int j = 0;
        // Four independent 8-byte lanes per iteration: C2 does not vectorise this loop (data and x may alias),
        // so the unrolling is what keeps the loads in flight.
        for (; j + 32 <= n; j += 32) {
            long a = (long) LONGS.get(data, pos + j) ^ (long) LONGS.get(x, j);
            long b = (long) LONGS.get(data, pos + j + 8) ^ (long) LONGS.get(x, j + 8);
            long c = (long) LONGS.get(data, pos + j + 16) ^ (long) LONGS.get(x, j + 16);
            long d = (long) LONGS.get(data, pos + j + 24) ^ (long) LONGS.get(x, j + 24);
            LONGS.set(data, pos + j, a);
            LONGS.set(data, pos + j + 8, b);
            LONGS.set(data, pos + j + 16, c);
            LONGS.set(data, pos + j + 24, d);
        }
        for (; j < n; j += 8) {
            LONGS.set(data, pos + j, (long) LONGS.get(data, pos + j) ^ (long) LONGS.get(x, j));
        }
    }

    private static int step(boolean enc, byte[] data, int pos, byte[] reg, byte[] ks, int used) {
        byte in = data[pos];
        byte out = (byte) (in ^ ks[used]);
        reg[used] = enc ? out : in;
        data[pos] = out;
        return pos + 1;
    }

    private static void block(Cipher ecb, byte[] reg, byte[] ks) throws GeneralSecurityException {
        int n = ecb.update(reg, 0, B, ks, 0);
        if (n != B) {
            throw new ShortBufferException("ECB returned " + n + " of 16 bytes");
        }
    }
}
