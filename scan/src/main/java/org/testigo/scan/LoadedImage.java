package org.testigo.scan;

import java.awt.image.BufferedImage;

/**
 * An image decoded and turned upright.
 *
 * @param pixels the picture as a person sees it (EXIF orientation applied), from {@link ImageLoader} always
 *        {@link BufferedImage#TYPE_3BYTE_BGR} or, for grey and bilevel images, {@link BufferedImage#TYPE_BYTE_GRAY}
 * @param mediaType what the bytes really are (sniffed, not taken from a file name), e.g. {@code image/jpeg}
 * @param exifOrientation the EXIF orientation tag that was applied (1 = none)
 */
public record LoadedImage(BufferedImage pixels, String mediaType, int exifOrientation) {

    public int width() {
        return pixels.getWidth();
    }

    public int height() {
        return pixels.getHeight();
    }
}
