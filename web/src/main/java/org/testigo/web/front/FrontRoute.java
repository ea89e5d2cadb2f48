package org.testigo.web.front;

/**
 * One family of requests the front door may answer itself. Called on a selector thread, so it must not
 * block: a lookup in memory is fine, a render or a database read goes in an {@link Answer.Later}.
 * Whatever throws counts as {@link Answer#PASS}.
 */
@FunctionalInterface
public interface FrontRoute {
    Answer answer(FrontRequest request);
}
