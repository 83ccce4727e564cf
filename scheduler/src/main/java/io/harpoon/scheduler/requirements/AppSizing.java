package io.harpoon.scheduler.requirements;

import io.harpoon.scheduler.api.Sizes;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Default sizes per known ExApp id, from exapp-contract.md §11 (nextcloud/documentation admin_manual/ai/app_*.rst).
 * Where the docs give a range the lower bound is used ("10-20 cores" -> 10); "GB" is read as GiB (rounding up
 * keeps reservations safe). Values the docs leave open are marked "assumed" and can be overridden per install
 * with the {@code HARPOON_*} variables.
 *
 * <table>
 *   <caption>Defaults (GPU mode: cuda/rocm; CPU mode: cpu)</caption>
 *   <tr><th>ExApp</th><th>GPU mode</th><th>CPU mode</th></tr>
 *   <tr><td>llm2</td><td>8 GiB VRAM, 12 GiB RAM, 2 cores (assumed)</td><td>12 GiB, 10 cores, avoids live_transcription ("hogs all cores")</td></tr>
 *   <tr><td>context_chat_backend</td><td>2 GiB VRAM, 8 GiB RAM, 2 cores (assumed)</td><td>12 GiB, 4 cores</td></tr>
 *   <tr><td>stt_whisper2</td><td>6 GiB VRAM (older doc, large-v2), 4 GiB RAM, 2 cores (assumed)</td><td>4 GiB, 10 cores, avoids live_transcription</td></tr>
 *   <tr><td>translate2</td><td>4 GiB VRAM, 6 GiB RAM, 2 cores (assumed)</td><td>6 GiB, 4 cores</td></tr>
 *   <tr><td>text2image_stablediffusion2</td><td>8 GiB VRAM, 4 GiB RAM (assumed), 2 cores (assumed)</td><td>8 GiB, 10 cores, avoids live_transcription</td></tr>
 *   <tr><td>text2image_flux</td><td>8 GiB VRAM, 8 GiB RAM, 2 cores (assumed)</td><td>12 GiB, 10 cores (assumed)</td></tr>
 *   <tr><td>text2speech_kokoro</td><td>no GPU support: 0 VRAM, 800 MiB RAM, 10 cores</td><td>800 MiB, 10 cores</td></tr>
 *   <tr><td>test-deploy</td><td>512 MiB VRAM, 512 MiB RAM, 1 core</td><td>512 MiB, 1 core</td></tr>
 *   <tr><td>any other id</td><td>{@link #GENERIC_VRAM_BYTES} VRAM, {@link #GENERIC_MEMORY_BYTES} RAM, 1 core</td><td>same RAM and CPU</td></tr>
 * </table>
 *
 * live_transcription has no sizing in the docs and takes the generic defaults.
 */
public final class AppSizing {
    /**
     * VRAM each process holds on a GPU beyond its model (CUDA/HIP context, allocator slack); added to every GPU
     * request. With it a 24 GiB card takes llm2 + SD2 + translate2 (21.5 GiB) but not two llm2 plus flux
     * (25.5 GiB), as exapp-contract.md §11 expects.
     */
    public static final long GPU_CONTEXT_OVERHEAD_BYTES = Sizes.mib(512);

    /** Generic defaults for ids not in the table. */
    public static final long GENERIC_VRAM_BYTES = Sizes.gib(1);
    public static final long GENERIC_MEMORY_BYTES = Sizes.gib(1);
    public static final long GENERIC_CPU_MILLIS = 1000;

    /** One mode's size. */
    public record Size(long vramBytes, long memoryBytes, long cpuMillis, Set<String> antiAffinity) {
    }

    /** GPU and CPU mode sizes of one app. */
    public record Entry(String appId, Size gpu, Size cpu) {
    }

    private static final String LATENCY_SENSITIVE = "live_transcription";
    private static final Map<String, Entry> TABLE = new TreeMap<>();

    static {
        put("llm2", gpu(8, 12, 2), cpuHog(12, 10));
        put("context_chat_backend", gpu(2, 8, 2), cpu(Sizes.gib(12), 4));
        put("stt_whisper2", gpu(6, 4, 2), cpuHog(4, 10));
        put("translate2", gpu(4, 6, 2), cpu(Sizes.gib(6), 4));
        put("text2image_stablediffusion2", gpu(8, 4, 2), cpuHog(8, 10));
        put("text2image_flux", gpu(8, 8, 2), cpu(Sizes.gib(12), 10));
        put("text2speech_kokoro", new Size(0, Sizes.mib(800), 10_000, Set.of()), cpu(Sizes.mib(800), 10));
        put("test-deploy", new Size(Sizes.mib(512), Sizes.mib(512), 1000, Set.of()), cpu(Sizes.mib(512), 1));
    }

    private AppSizing() {
    }

    private static void put(String id, Size gpu, Size cpu) {
        TABLE.put(id, new Entry(id, gpu, cpu));
    }

    private static Size gpu(long vramGiB, long ramGiB, long cores) {
        return new Size(Sizes.gib(vramGiB), Sizes.gib(ramGiB), cores * 1000, Set.of());
    }

    private static Size cpu(long ramBytes, long cores) {
        return new Size(0, ramBytes, cores * 1000, Set.of());
    }

    private static Size cpuHog(long ramGiB, long cores) {
        return new Size(0, Sizes.gib(ramGiB), cores * 1000, Set.of(LATENCY_SENSITIVE));
    }

    public static Optional<Entry> lookup(String appId) {
        return Optional.ofNullable(TABLE.get(appId));
    }

    /** Known ids in name order (the simulation draws from these). */
    public static Map<String, Entry> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
