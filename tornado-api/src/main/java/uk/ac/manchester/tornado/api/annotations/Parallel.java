package uk.ac.manchester.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only declaration of TornadoVM's {@code @Parallel}: marks a loop induction variable whose iterations
 * are independent, so TornadoVM maps them onto device threads. Targets and retention as in TornadoVM; in plain
 * Java the annotation changes nothing (the loop runs sequentially).
 */
@Target({ElementType.LOCAL_VARIABLE, ElementType.TYPE, ElementType.TYPE_USE, ElementType.TYPE_PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Parallel {
}
