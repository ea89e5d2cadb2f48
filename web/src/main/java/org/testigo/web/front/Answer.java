package org.testigo.web.front;

import java.util.function.Supplier;

/** What a {@link FrontRoute} makes of a request: an answer now, one to work out off the loop, or none. */
public sealed interface Answer permits PreparedResponse, Answer.Later, Answer.Pass {

    /** Not this route's, or not certain: the connection goes to the server behind (which answers or refuses). */
    Answer PASS = Pass.INSTANCE;

    /**
     * An answer that takes work the selector thread must not do (rendering a page, for instance): it runs
     * on a virtual thread and the connection waits, reading nothing further, until it returns.
     */
    record Later(Supplier<Answer> work) implements Answer {
    }

    /** See {@link #PASS}. */
    enum Pass implements Answer {
        INSTANCE
    }
}
