package uk.ac.manchester.tornado.api.exceptions;

/** Compile-only declaration of TornadoVM's {@code TornadoExecutionPlanException}: checked, thrown by plan close. */
public class TornadoExecutionPlanException extends Exception {
    private static final long serialVersionUID = 1L;

    public TornadoExecutionPlanException(String reason) {
        super(reason);
    }
}
