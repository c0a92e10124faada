package se.bredvid.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A type other modules may use, with its nested types: together, a module's published interface. Everything
 * else in a module is its own business. Checked by {@code ModuleBoundariesTest} (docs/architecture.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Published {
}
