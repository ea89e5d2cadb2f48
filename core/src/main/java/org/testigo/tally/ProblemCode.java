package org.testigo.tally;

/**
 * A stable, machine-readable reason why a payload was refused. Each format declares its own closed
 * set (an enum implementing this) so that clients and translations can rely on the codes.
 */
public interface ProblemCode {
    String name();
}
