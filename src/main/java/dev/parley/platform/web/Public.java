package dev.parley.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST method callable without credentials. (Parley's own annotation rather than
 * {@code @PermitAll}: servers attach their container security to the standard ones, and Parley's
 * callers are authenticated by its own filter.)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
}
