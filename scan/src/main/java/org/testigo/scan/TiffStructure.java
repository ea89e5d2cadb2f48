package org.testigo.scan;

import static org.testigo.scan.ImageRefusal.Reason.CORRUPT;
import static org.testigo.scan.ImageRefusal.Reason.TRUNCATED;

/**
 * Reads a TIFF's first directory (TIFF 6.0): size, orientation, and where its strips or tiles lie. A
 * scanner file cut short is refused as truncated here, by its own offsets, rather than decoded into a
 * page whose bottom is missing.
 */
final class TiffStructure {
    private TiffStructure() {
    }

    static ImageStructure read(byte[] b) throws ImageRefusal {
        TiffDirectory ifd;
        try {
            ifd = TiffDirectory.read(b, 0, b.length);
        } catch (TiffDirectory.Malformed e) {
            throw new ImageRefusal(e.truncated ? TRUNCATED : CORRUPT, e.getMessage() + (e.truncated ? " (the file is truncated)" : ""));
        }
        long width = ifd.value(TiffDirectory.IMAGE_WIDTH, -1);
        long height = ifd.value(TiffDirectory.IMAGE_LENGTH, -1);
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ImageRefusal(CORRUPT, "the TIFF directory gives no usable size (ImageWidth " + width + ", ImageLength " + height + ")");
        }
        boolean tiled = ifd.has(TiffDirectory.TILE_OFFSETS);
        long[] offsets = ifd.values(tiled ? TiffDirectory.TILE_OFFSETS : TiffDirectory.STRIP_OFFSETS);
        long[] counts = ifd.values(tiled ? TiffDirectory.TILE_BYTE_COUNTS : TiffDirectory.STRIP_BYTE_COUNTS);
        String part = tiled ? "tile" : "strip";
        if (offsets == null || offsets.length == 0) {
            throw new ImageRefusal(CORRUPT, "the TIFF directory says nowhere where its image data is (no " + part + " offsets)");
        }
        if (counts != null) {
            if (counts.length != offsets.length) {
                throw new ImageRefusal(CORRUPT, "the TIFF directory lists " + offsets.length + " " + part + " offsets but " + counts.length
                        + " byte counts");
            }
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] + counts[i] > b.length) {
                    throw new ImageRefusal(TRUNCATED, "the TIFF " + part + " " + i + " of " + offsets.length + " (bytes " + offsets[i] + " to "
                            + (offsets[i] + counts[i]) + ") lies past the end of the file at " + b.length + " (the file is truncated)");
                }
            }
        }
        return new ImageStructure("image/tiff", (int) width, (int) height, ifd.orientation());
    }
}
