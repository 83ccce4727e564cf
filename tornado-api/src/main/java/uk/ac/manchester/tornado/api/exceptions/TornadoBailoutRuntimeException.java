package uk.ac.manchester.tornado.api.exceptions;

/** Compile-only declaration of TornadoVM's {@code TornadoBailoutRuntimeException}. A task could not be compiled or run on the device; with {@code -Dtornado.recover.bailout=False} it reaches the caller instead of a silent sequential fallback. */
public class TornadoBailoutRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TornadoBailoutRuntimeException(String message) {
        super(message);
    }
}
