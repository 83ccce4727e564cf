package uk.ac.manchester.tornado.api.exceptions;

/** Compile-only declaration of TornadoVM's {@code TornadoAPIException}. Thrown by the API when no runtime implementation is configured ("Implementation class not specified"). */
public class TornadoAPIException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TornadoAPIException(String message) {
        super(message);
    }
}
