package uk.ac.manchester.tornado.api.exceptions;

/** Compile-only declaration of TornadoVM's {@code TornadoRuntimeException}. General runtime failure of TornadoVM. */
public class TornadoRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TornadoRuntimeException(String message) {
        super(message);
    }
}
