package org.testigo.scan.synth;

/**
 * The physical conditions of one picture, drawn from a category's ranges: how big a QR module lands on
 * the sensor, the paper's pose, the light, the optics and the encoding. Units: output pixels unless said.
 */
record Shot(
        boolean scan,
        int width,          // 0 for a scan: the scanner bed decides
        int height,
        double modulePx,    // size of one QR module on the picture, at the code's centre
        double dpi,         // scans only
        double rotationDeg,
        double tilt,        // perspective: the far edge is (1 - tilt) as wide as the near one
        double tiltDirDeg,
        double light,       // paper brightness under the main light, 0..1
        double gradient,    // uneven light across the frame, 0..1
        double vignette,
        double shadow,      // depth of a soft shadow (hand or phone) across the frame, 0 = none
        double focusSigma,  // Gaussian blur, pixels
        double motionPx,    // motion blur length, pixels
        double motionDeg,
        double noise,       // sensor noise before gain, 0..1 units
        double grain,       // noise correlation radius, pixels
        double gain,        // exposure boost after noise (night photos), 1 = none
        double glare,       // peak of a specular highlight, 0 = none
        double glareRadius, // in QR widths
        boolean finger,
        int curl,           // 0 flat, 1 curled (cylinder), 2 folded (crease)
        int jpegQuality,    // 0 = PNG
        boolean grey) {
}
