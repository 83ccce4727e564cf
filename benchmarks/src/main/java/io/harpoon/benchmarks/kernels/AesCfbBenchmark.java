package io.harpoon.benchmarks.kernels;

import io.harpoon.benchmarks.AbstractBenchmark;
import io.harpoon.kernels.api.BatchBuffers;
import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.jdk.JdkBackend;
import io.harpoon.kernels.reference.ReferenceBackend;
import java.security.GeneralSecurityException;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * AES-128-CFB128 of one stream per call: bare {@code AES/ECB/NoPadding} over the same bytes (baseline: the
 * block cipher alone), the {@code jdk} backend decrypting (target: at least 0.5x the baseline at 16 KiB) and
 * encrypting (inherently one block at a time), and the reference.
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar AesCfbBenchmark -p size=16384}
 */
@State(Scope.Thread)
public class AesCfbBenchmark extends AbstractBenchmark {
    @Param({"1024", "16384", "1048576"})
    int size;

    byte[] data;
    byte[] scratch;
    Cipher ecb;
    CfbStream enc;
    CfbStream dec;
    BatchBuffers batch;
    final JdkBackend jdk = new JdkBackend();
    final ReferenceBackend reference = new ReferenceBackend();

    @Setup
    public void setup() throws GeneralSecurityException {
        Random r = new Random(7);
        data = new byte[size];
        r.nextBytes(data);
        scratch = new byte[size];
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        r.nextBytes(key);
        r.nextBytes(iv);
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        enc = new CfbStream(key, iv);
        dec = new CfbStream(key, iv);
        batch = BatchBuffers.single(data, 0, size);
    }

    @Benchmark
    public byte[] bareEcb() throws GeneralSecurityException {
        ecb.update(data, 0, size, scratch, 0);
        return scratch;
    }

    @Benchmark
    public byte[] jdkDecrypt() {
        jdk.aes128Cfb(CfbDirection.DECRYPT, new CfbStream[] {dec}, batch);
        return data;
    }

    @Benchmark
    public byte[] jdkEncrypt() {
        jdk.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {enc}, batch);
        return data;
    }

    @Benchmark
    public byte[] referenceEncrypt() {
        reference.aes128Cfb(CfbDirection.ENCRYPT, new CfbStream[] {enc}, batch);
        return data;
    }
}
