package io.harpoon.kernels.jdk;

import io.harpoon.kernels.api.Availability;
import io.harpoon.kernels.api.Backend;
import io.harpoon.kernels.api.BackendFailure;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.api.Checks;
import io.harpoon.kernels.api.GcmBatch;
import io.harpoon.kernels.api.KernelBackend;
import io.harpoon.kernels.api.KernelId;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code jdk} backend: JDK intrinsics, the default CPU path. CRC-32C through {@link CRC32C} (a hardware
 * intrinsic on x86 and ARM), AES-GCM through {@code AES/GCM/NoPadding}, and AES-CFB128 written over
 * {@code AES/ECB/NoPadding} because JCE's {@code AES/CFB} buffers partial blocks (spec/frp-wire.md section 14).
 *
 * <p>CFB decryption computes the keystream of all whole blocks with one ECB call (keystream block j is
 * {@code AES(C[j-1])}, and the ciphertext is known up front); encryption is inherently one block at a time.
 */
public final class JdkBackend implements KernelBackend {
    private static final ThreadLocal<CRC32C> CRC = ThreadLocal.withInitial(CRC32C::new);

    @Override
    public Backend id() {
        return Backend.JDK;
    }

    @Override
    public Availability availability() {
        return Availability.available(Backend.JDK, "JVM " + Runtime.version() + " intrinsics");
    }

    @Override
    public boolean supports(KernelId kernel) {
        return true;
    }

    @Override
    public void crc32c(BatchBuffers in, int[] out) {
        Checks.crcArgs(in, out);
        CRC32C crc = CRC.get();
        byte[] data = in.data();
        int[] offs = in.offsets();
        int[] lens = in.lengths();
        for (int i = 0; i < offs.length; i++) {
            crc.reset();
            crc.update(data, offs[i], lens[i]);
            out[i] = (int) crc.getValue();
        }
    }

    @Override
    public void crc32cMasked(BatchBuffers in, int[] out) {
        crc32c(in, out);
        for (int i = 0; i < in.count(); i++) {
            out[i] = Checks.mask(out[i]);
        }
    }

    @Override
    public void aes128Cfb(CfbDirection direction, CfbStream[] streams, BatchBuffers data) {
        Checks.cfbArgs(direction, streams, data);
        try {
            for (int i = 0; i < streams.length; i++) {
                JdkCfb.process(direction, streams[i], data.data(), data.offsets()[i], data.lengths()[i]);
            }
        } catch (GeneralSecurityException e) {
            throw new BackendFailure(Backend.JDK, "AES/ECB unavailable", e);
        }
    }

    @Override
    public void gcmSeal(GcmBatch b) {
        Checks.gcmArgs(b);
        byte[] scratch = new byte[b.data().maxLength() + GcmBatch.TAG_BYTES];
        try {
            for (int i = 0; i < b.count(); i++) {
                int off = b.data().offsets()[i];
                int len = b.data().lengths()[i];
                Cipher c = gcm(Cipher.ENCRYPT_MODE, b.keys()[i], b.ivs()[i]);
                if (b.aadLength(i) > 0) {
                    c.updateAAD(b.aadData(), b.aadOffset(i), b.aadLength(i));
                }
                int n = c.doFinal(b.data().data(), off, len, scratch, 0);
                if (n != len + GcmBatch.TAG_BYTES) {
                    throw new BackendFailure(Backend.JDK, "GCM produced " + n + " bytes for " + len);
                }
                System.arraycopy(scratch, 0, b.data().data(), off, len);
                System.arraycopy(scratch, len, b.tags(), i * GcmBatch.TAG_BYTES, GcmBatch.TAG_BYTES);
            }
        } catch (GeneralSecurityException e) {
            throw new BackendFailure(Backend.JDK, "AES/GCM failed", e);
        }
    }

    @Override
    public boolean[] gcmOpen(GcmBatch b) {
        Checks.gcmArgs(b);
        boolean[] ok = new boolean[b.count()];
        byte[] scratch = new byte[b.data().maxLength() + GcmBatch.TAG_BYTES];
        for (int i = 0; i < b.count(); i++) {
            int off = b.data().offsets()[i];
            int len = b.data().lengths()[i];
            byte[] data = b.data().data();
            System.arraycopy(data, off, scratch, 0, len);
            System.arraycopy(b.tags(), i * GcmBatch.TAG_BYTES, scratch, len, GcmBatch.TAG_BYTES);
            try {
                Cipher c = gcm(Cipher.DECRYPT_MODE, b.keys()[i], b.ivs()[i]);
                if (b.aadLength(i) > 0) {
                    c.updateAAD(b.aadData(), b.aadOffset(i), b.aadLength(i));
                }
                c.doFinal(scratch, 0, len + GcmBatch.TAG_BYTES, data, off);
                ok[i] = true;
            } catch (AEADBadTagException e) {
                java.util.Arrays.fill(data, off, off + len, (byte) 0);
                ok[i] = false;
            } catch (GeneralSecurityException e) {
                throw new BackendFailure(Backend.JDK, "AES/GCM failed", e);
            }
        }
        return ok;
    }

    private static final ThreadLocal<Cipher[]> GCM = ThreadLocal.withInitial(() -> new Cipher[1]);

    private static Cipher gcm(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        // One cached Cipher per thread: getInstance costs microseconds, which dominates small messages.
        Cipher[] slot = GCM.get();
        if (slot[0] == null) {
            slot[0] = Cipher.getInstance("AES/GCM/NoPadding");
        }
        SecretKeySpec k = new SecretKeySpec(key, "AES");
        GCMParameterSpec spec = new GCMParameterSpec(GcmBatch.TAG_BYTES * 8, iv);
        try {
            slot[0].init(mode, k, spec);
        } catch (java.security.InvalidAlgorithmParameterException reuse) {
            // SunJCE refuses to re-init encryption with the previous key+IV pair on the same instance, which a
            // caller may legitimately do (e.g. re-sealing identical input); a fresh instance has no such memory.
            slot[0] = Cipher.getInstance("AES/GCM/NoPadding");
            slot[0].init(mode, k, spec);
        }
        return slot[0];
    }
}
