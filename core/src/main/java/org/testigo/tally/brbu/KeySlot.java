package org.testigo.tally.brbu;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which TSE key signs a BU up to VRQR 1.5: one Ed25519 key pair per UF, phase, key version (VRCH)
 * and scope (BR-BU-QR.md §4). Its file is
 * {@code tse.qrcodebu/{VRCH}/{LEGAL|COMUNITARIA}/{o|s|t}{uf}qrcode.pub}.
 *
 * @param uf UNFE, e.g. {@code AC}, or {@code ZZ} abroad
 * @param phase FASE
 * @param keyVersion VRCH (yyyymmdd), or {@link #NO_KEY_VERSION} for VRQR 1.4 codes, which have none
 * @param scope ORLC: {@code LEG} or {@code COM}
 */
public record KeySlot(String uf, BuHeader.Phase phase, String keyVersion, String scope) {
    /** The key version of codes printed before VRCH existed (VRQR 1.4 and earlier). */
    public static final String NO_KEY_VERSION = "none";

    private static final Pattern UF = Pattern.compile("[A-Z]{2}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{8}|" + NO_KEY_VERSION);

    public KeySlot {
        Objects.requireNonNull(phase, "phase");
        if (uf == null || !UF.matcher(uf).matches()) {
            throw new IllegalArgumentException("a key slot's UF is two uppercase letters (got " + uf + ")");
        }
        if (keyVersion == null || !VERSION.matcher(keyVersion).matches()) {
            throw new IllegalArgumentException("a key version is yyyymmdd or " + NO_KEY_VERSION + " (got " + keyVersion + ")");
        }
        if (!"LEG".equals(scope) && !"COM".equals(scope)) {
            throw new IllegalArgumentException("a key scope is LEG or COM (got " + scope + ")");
        }
    }

    /** The folder the TSE publishes the key in: LEGAL or COMUNITARIA. */
    public String folder() {
        return scope.equals("LEG") ? "LEGAL" : "COMUNITARIA";
    }

    /** The key file's name, e.g. {@code sacqrcode.pub}. */
    public String fileName() {
        return phase.name().toLowerCase(Locale.ROOT) + uf.toLowerCase(Locale.ROOT) + "qrcode.pub";
    }

    /** E.g. {@code S/AC/20240507/LEG}. */
    @Override
    public String toString() {
        return phase + "/" + uf + "/" + keyVersion + "/" + scope;
    }
}
