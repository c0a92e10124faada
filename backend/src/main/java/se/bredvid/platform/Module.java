package se.bredvid.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a feature module's root {@code package-info.java}: the tables its migrations create. They are the only
 * tables the module's SQL may name; another module's data is reached through that module's published types.
 * Checked by {@code ModuleBoundariesTest} (docs/architecture.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Module {

    /** The tables this module owns. */
    String[] tables() default {};
}
