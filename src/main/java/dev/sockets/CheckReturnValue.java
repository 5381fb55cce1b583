package dev.sockets;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose result is the point of calling it: specs are immutable, so
 * {@code spec.timeout(d);} on its own changes nothing. Error Prone and IntelliJ warn when
 * the result of a method with an annotation of this simple name is dropped.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
public @interface CheckReturnValue {
}
