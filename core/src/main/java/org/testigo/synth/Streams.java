package org.testigo.synth;

/**
 * The independent random streams of a synthetic election (see {@link Dice#of}). Numbers are part of
 * the output's definition: changing one changes every election generated.
 */
final class Streams {
    static final long PLAN = 1;
    static final long NAMES = 2;
    static final long REGISTERED = 3;
    static final long STATE_EFFECTS = 4;
    static final long PARISH_EFFECTS = 5;
    static final long TABLE = 6;
    static final long ROLL = 7;
    static final long STUFFING = 8;
    static final long SHAPES = 9;

    private Streams() {
    }
}
