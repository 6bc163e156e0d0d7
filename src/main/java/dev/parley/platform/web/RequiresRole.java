package dev.parley.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Restricts a REST method (or every method of a resource) to callers holding one of the roles. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    /** Role wire names, e.g. {@code "admin"}; any one suffices. */
    String[] value();
}
