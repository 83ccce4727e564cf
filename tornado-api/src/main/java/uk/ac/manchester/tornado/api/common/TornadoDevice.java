package uk.ac.manchester.tornado.api.common;

/**
 * Compile-only declaration of the part of TornadoVM's {@code TornadoDevice} interface Harpoon calls (the device's
 * names, for {@code harpoon kernels devices}). The real interface has many more methods; they are never called.
 */
public interface TornadoDevice {
    String getDeviceName();

    String getDescription();

    String getPlatformName();
}
