package org.testigo.synth;

/**
 * Invents place names from syllables common in Venezuelan toponyms ("Ca-ri-pe", "Gua-na-re"), so
 * synthetic places read naturally without naming any real place or person on purpose.
 */
final class PlaceNames {
    private static final String[] SYLLABLES = {
        "a", "ba", "bo", "ca", "cha", "chi", "co", "cu", "gua", "gue", "ja", "la", "li", "lo", "ma", "me",
        "mo", "mu", "na", "ni", "pa", "pe", "pi", "po", "que", "ra", "re", "ri", "ro", "sa", "ta", "te",
        "ti", "to", "tu", "ya", "yu", "za",
    };
    private static final String[] ENDINGS = {"", "", "", "", "l", "n", "r", "s"};

    private PlaceNames() {
    }

    static String invent(Dice dice) {
        StringBuilder name = new StringBuilder(12);
        int syllables = 2 + dice.below(3);
        for (int i = 0; i < syllables; i++) {
            name.append(SYLLABLES[dice.below(SYLLABLES.length)]);
        }
        name.append(ENDINGS[dice.below(ENDINGS.length)]);
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        return name.toString();
    }
}
