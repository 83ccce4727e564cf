package io.harpoon.kernels.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelManager;
import io.harpoon.kernels.api.BackendFailure;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Aparapi makes of the kernels (the OpenCL C it generates, as {@code -Dcom.aparapi.enableShowGeneratedOpenCL}
 * prints it) and the backend's detection of Aparapi's silent fallback to Java.
 */
class AparapiKernelsTest {
    private static final Pattern FLOATING = Pattern.compile("\\b(half|float|double)\\b");

    @BeforeEach
    void available() {
        AparapiBackendTest.requireOpenCl();
    }

    @Test
    void crcKernelIsOneGuardedWorkItemPerBufferWithUnsignedShifts() {
        String cl = AparapiRuntime.openClSource(new CrcKernel());
        assertTrue(cl.contains("int i = get_global_id(0);"), cl);
        assertTrue(cl.contains("if (i<this->count){"), "padded work items must do nothing:\n" + cl);
        assertTrue(cl.contains("this->table[((c ^ this->data[p]) & 255)] ^ (((unsigned int)c) >> 8)"),
                "Java's >>> must become an unsigned shift:\n" + cl);
        assertTrue(cl.contains("__global char  *data"), "bytes travel as OpenCL char:\n" + cl);
    }

    @Test
    void gcmKernelShiftsLongsUnsignedAndHasNoDataDependentBranchInTheMultiply() {
        String cl = AparapiRuntime.openClSource(new GcmKernel());
        String mul = cl.substring(cl.indexOf("GcmKernel__ghashMul(This *this"), cl.indexOf("return;", cl.indexOf("GcmKernel__ghashMul(This *this")));
        assertTrue(mul.contains("(((unsigned long)vLo) >> 1) | (vHi << 63)"), mul);
        assertFalse(mul.contains("if ("), "GHASH multiply must be branch-free:\n" + mul);
        assertTrue(cl.contains("__global long *ghash"), cl);
    }

    @Test
    void kernelsUseOnlyIntegerTypesAndNoCKeywordsAsNames() {
        for (Kernel k : List.of(new CrcKernel(), new CfbKernel(), new GcmKernel())) {
            String cl = AparapiRuntime.openClSource(k);
            assertFalse(FLOATING.matcher(cl).find(), "PoCL's CPU device has no fp16; kernels stay integer:\n" + cl);
            assertFalse(cl.matches("(?s).*\\*(register|half|auto)\\b.*"), "C keyword used as a field name:\n" + cl);
        }
    }

    @Test
    void javaFallbackIsDetectedAndOpenClRunIsNot() {
        Device device = KernelManager.instance().bestDevice();
        assertTrue(device instanceof OpenCLDevice, String.valueOf(device));

        int[] out = new int[64];
        OnDevice ok = new OnDevice();
        ok.out = out;
        ok.execute(Range.create(device, 64, 64));
        assertNull(AparapiRuntime.fallbackOf(ok, device), "an OpenCL run is not a fallback");
        assertEquals(63 * 3, out[63]);

        ForcedJava fallback = new ForcedJava();
        fallback.out = new int[64];
        fallback.setExecutionMode(Kernel.EXECUTION_MODE.JTP);
        fallback.execute(Range.create(64));
        String why = AparapiRuntime.fallbackOf(fallback, device);
        assertNotNull(why, "a run on Aparapi's Java thread pool must be reported");
        assertTrue(why.contains("Java"), why);
    }

    @Test
    void kernelOpenClCannotBuildFailsToBuildAndToLaunchInsteadOfRunningInJava() {
        AparapiRuntime rt = AparapiBackendTest.BACKEND.runtime();
        Untranslatable k = new Untranslatable();
        k.out = new int[64];
        assertThrows(CompileFailedException.class, () -> rt.prepare(k), "the probe's build step must refuse it");
        BackendFailure e = assertThrows(BackendFailure.class, () -> rt.launch(k, 64));
        assertTrue(e.getMessage().startsWith("aparapi: Untranslatable "), e.getMessage());
    }

    /** Test-only kernel classes: Aparapi keeps profiles per kernel class, so these never taint the backend's. */
    static final class OnDevice extends Kernel {
        int[] out;

        @Override
        public void run() {
            int i = getGlobalId();
            out[i] = i * 3;
        }
    }

    /**
     * Translates, but its field is named with a C keyword, so the OpenCL build fails and Aparapi falls back to
     * Java unless stopped (the trap {@code CfbKernel} hit with a field named {@code register}). PoCL prints the
     * build errors ("'register' is a keyword") to stdout during the test run: they are expected.
     */
    static final class Untranslatable extends Kernel {
        int[] out;
        int[] register = new int[1];

        @Override
        public void run() {
            int i = getGlobalId();
            out[i] = register[0] + i;
        }
    }

    static final class ForcedJava extends Kernel {
        int[] out;

        @Override
        public void run() {
            int i = getGlobalId();
            out[i] = i * 5;
        }
    }
}
