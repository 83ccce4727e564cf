package io.harpoon.kernels.aparapi;

import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Every OpenCL device as JOCL (an independent binding) sees it, described as the aparapi backend names devices:
 * "device (OpenCL x.y, platform)". Lets a test check the backend's device name against a second opinion.
 */
final class JoclDevices {
    private JoclDevices() {
    }

    static List<String> describeAll() {
        CL.setExceptionsEnabled(false);
        List<String> out = new ArrayList<>();
        int[] count = new int[1];
        if (CL.clGetPlatformIDs(0, null, count) != CL_SUCCESS || count[0] == 0) {
            return out;
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        for (cl_platform_id p : platforms) {
            String platform = platformInfo(p, CL_PLATFORM_NAME).trim();
            Matcher m = Pattern.compile("OpenCL \\d+\\.\\d+").matcher(platformInfo(p, CL_PLATFORM_VERSION));
            String version = m.find() ? m.group() : "OpenCL ?";
            int[] n = new int[1];
            if (CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, n) != CL_SUCCESS || n[0] == 0) {
                continue;
            }
            cl_device_id[] devices = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
            for (cl_device_id d : devices) {
                out.add(deviceInfo(d, CL_DEVICE_NAME).trim() + " (" + version + ", " + platform + ")");
            }
        }
        return out;
    }

    private static String platformInfo(cl_platform_id p, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String deviceInfo(cl_device_id d, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }
}
