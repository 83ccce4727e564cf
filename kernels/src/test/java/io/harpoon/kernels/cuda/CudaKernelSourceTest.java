package io.harpoon.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cheap checks of the CUDA source without a compiler: the entry points the Java side looks up are exactly the
 * {@code extern "C" __global__} functions the source defines, and the layout constant agrees. A mismatch would
 * otherwise surface only on a GPU machine, as a {@code CUDA_ERROR_NOT_FOUND} from {@code cuModuleGetFunction}.
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
}
