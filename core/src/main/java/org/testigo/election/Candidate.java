package org.testigo.election;

import java.util.regex.Pattern;

/** One person (or option) the votes finally count for; {@code id} is stable and short (e.g. {@code EG}). */
public record Candidate(String id, String name) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public Candidate {
        requireCode(id, "candidate id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("candidate " + id + " needs a name");
        }
    }

    static void requireCode(String code, String what) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(what + " must be 1-32 letters, digits, . _ - (got " + code + ")");
        }
    }
}
