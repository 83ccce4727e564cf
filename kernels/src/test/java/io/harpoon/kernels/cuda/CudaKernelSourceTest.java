package io.harpoon.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.testsupport.Requirements;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cheap checks of the CUDA source without a compiler: the entry points the Java side looks up are exactly the
 * {@code extern "C" __global__} functions the source defines, and the layout constant agrees. A mismatch would
 * otherwise surface only on a GPU machine, as a {@code CUDA_ERROR_NOT_FOUND} from {@code cuModuleGetFunction}.
 * Where the CUDA toolkit's {@code nvcc} is installed (no GPU needed), the source is also compiled to PTX the way
 * NVRTC will compile it: device code only, no headers.
 */
class CudaKernelSourceTest {
    private static final Pattern ENTRY = Pattern.compile("extern \"C\" __global__ void (\\w+)\\s*\\(");

    @Test
    void everyEntryPointTheJavaSideLooksUpIsDefinedOnce() {
        String src = CudaKernelSource.load();
        List<String> defined = new ArrayList<>();
        Matcher m = ENTRY.matcher(src);
        while (m.find()) {
            defined.add(m.group(1));
        }
        assertEquals(CudaKernelSource.ENTRY_POINTS, defined, "entry points in " + CudaKernelSource.RESOURCE);
    }

    @Test
    void layoutConstantsAgreeAndTheSourceNeedsNoHeaders() {
        String src = CudaKernelSource.load();
        assertTrue(src.contains("#define KEY_STRIDE " + CudaKernelSource.KEY_STRIDE + "\n"), "KEY_STRIDE");
        assertFalse(src.contains("#include"), "NVRTC compiles without the CUDA headers; the source must not include any");
        long open = src.chars().filter(c -> c == '{').count();
        long close = src.chars().filter(c -> c == '}').count();
        assertEquals(open, close, "balanced braces");
    }

    @Test
    void launchGeometryCoversEveryItemWithOneThread() {
        assertEquals(0, CudaKernelSource.gridBlocks(0));
        assertEquals(1, CudaKernelSource.gridBlocks(1));
        assertEquals(1, CudaKernelSource.gridBlocks(CudaKernelSource.BLOCK_THREADS));
        assertEquals(2, CudaKernelSource.gridBlocks(CudaKernelSource.BLOCK_THREADS + 1));
        assertEquals(79, CudaKernelSource.gridBlocks(10_000), "10,000 buffers: 79 blocks of 128, 112 idle threads");
    }

    @Test
    void nvccCompilesTheSourceToPtxWithEveryEntryPoint(@TempDir Path dir) throws Exception {
        Path nvcc = onPath("nvcc");
        Requirements.requireDevice("CUDA toolkit (nvcc)", nvcc != null, "no nvcc on the PATH");
        Path cu = dir.resolve(CudaKernelSource.PROGRAM_NAME);
        Files.writeString(cu, CudaKernelSource.load());
        Path ptx = dir.resolve("harpoon_kernels.ptx");
        Process p = new ProcessBuilder(nvcc.toString(), "-ptx", "-arch=compute_75", "-std=c++14", cu.toString(), "-o",
                ptx.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc finished");
        assertEquals(0, p.exitValue(), "nvcc failed:\n" + log);
        String out = Files.readString(ptx);
        for (String entry : CudaKernelSource.ENTRY_POINTS) {
            assertTrue(out.contains(".visible .entry " + entry + "("), entry + " in the PTX");
        }
    }

    static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
