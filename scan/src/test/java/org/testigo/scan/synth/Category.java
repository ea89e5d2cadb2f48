package org.testigo.scan.synth;

/**
 * How an acta picture was taken and what happened to it afterwards. The ordinary categories are what
 * most witnesses send; the hard tier is what a person can still read but a single decoder mostly cannot.
 */
public enum Category {
    CLEAN_SCAN("clean scan", false, false),
    SKEWED_SCAN("skewed scan", false, false),
    PHONE_PHOTO("phone photo, perspective and shading", false, true),
    MESSAGING_APP("messaging-app recompression", false, false),
    DIM_NOISY("dim light with noise", false, true),
    BLUR("motion or focus blur", false, true),
    SMALL_QR("small QR in a large photo", false, true),
    ROTATED("arbitrary rotation", false, true),
    HARD_FOCUS_BLUR("hard: heavy focus blur", true, true),
    HARD_MOTION_BLUR("hard: motion blur", true, true),
    HARD_NIGHT("hard: very dark, grainy night photo", true, true),
    HARD_CURLED("hard: curled or folded paper", true, true),
    HARD_GLARE("hard: glare", true, true),
    HARD_STEEP_ANGLE("hard: steep angle", true, true),
    HARD_FINGER("hard: a finger over part of the code", true, true),
    HARD_JPEG("hard: heavy JPEG", true, false),
    HARD_LOW_RES("hard: very low resolution", true, false);

    private final String label;
    private final boolean hard;
    private final boolean fullPhoto;

    Category(String label, boolean hard, boolean fullPhoto) {
        this.label = label;
        this.hard = hard;
        this.fullPhoto = fullPhoto;
    }

    public String label() {
        return label;
    }

    public boolean hard() {
        return hard;
    }

    /** A phone photo at the camera's full size (12 MP at the default size), not a scan or a resent copy. */
    public boolean fullPhoto() {
        return fullPhoto;
    }

    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
