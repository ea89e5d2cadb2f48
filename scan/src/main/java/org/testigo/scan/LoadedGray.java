package org.testigo.scan;

import boofcv.struct.image.GrayU8;

/**
 * An image decoded to grey and turned upright: what QR decoding needs, without the colour picture.
 *
 * @param gray the picture as a person sees it (EXIF orientation applied), compact (stride = width)
 * @param mediaType what the bytes really are (sniffed), e.g. {@code image/jpeg}
 * @param exifOrientation the EXIF orientation tag that was applied (1 = none)
 */
public record LoadedGray(GrayU8 gray, String mediaType, int exifOrientation) {
}
