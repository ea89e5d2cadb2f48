package org.testigo.scan;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns untrusted bytes into an upright picture, or refuses them with a reason. The kind of image is
 * sniffed from its first bytes (never from a file name), the dimensions are read from the header and
 * checked against {@link ImageLimits} before any pixel is decoded, and a decoder that reports missing
 * data makes the image {@code TRUNCATED} rather than a half-grey picture.
 */
public final class ImageLoader {

    private final ImageLimits limits;

    public ImageLoader(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLoader() {
        this(ImageLimits.DEFAULT);
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * The cheap checks only: size, kind, and the dimensions in the header against the limits. Costs a
     * header read, so a request handler can refuse a bomb or a non-image before queueing any work.
     */
    public ImageHeader inspect(byte[] bytes) throws ImageRefusal {
        String mediaType = sniff(bytes);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, mediaType);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkDimensions(width, height);
                return new ImageHeader(mediaType, width, height);
            } finally {
                reader.dispose();
            }
        } catch (ImageRefusal refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            throw corruptOrTruncated(mediaType, e);
        }
    }

    public LoadedImage load(byte[] bytes) throws ImageRefusal {
        String mediaType = sniff(bytes);
        BufferedImage pixels = decode(bytes, mediaType);
        int orientation = exifOrientation(bytes);
        return new LoadedImage(Orientation.upright(pixels, orientation), mediaType, orientation);
    }

    private String sniff(byte[] bytes) throws ImageRefusal {
        if (bytes.length == 0) {
            throw new ImageRefusal(ImageRefusal.Reason.EMPTY, "the file is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRefusal(ImageRefusal.Reason.TOO_LARGE,
                    "the file has " + bytes.length + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
        String mediaType = MediaTypes.sniff(bytes);
        if (mediaType == null) {
            throw new ImageRefusal(ImageRefusal.Reason.NOT_AN_IMAGE,
                    "the file is not a JPEG, PNG, WebP or TIFF image (its first bytes match none of them)");
        }
        return mediaType;
    }

    private static ImageReader readerFor(ImageInputStream in, String mediaType) throws ImageRefusal {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new ImageRefusal(ImageRefusal.Reason.UNSUPPORTED_FORMAT, "no decoder for " + mediaType + " is installed");
        }
        return readers.next();
    }

    private BufferedImage decode(byte[] bytes, String mediaType) throws ImageRefusal {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, mediaType);
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                checkDimensions(width, height);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                for (String warning : warnings) {
                    if (warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                        throw new ImageRefusal(ImageRefusal.Reason.TRUNCATED,
                                "the " + mediaType + " image ends before its last pixel (the file is truncated)");
                    }
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageRefusal refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            throw corruptOrTruncated(mediaType, e);
        }
    }

    private void checkDimensions(long width, long height) throws ImageRefusal {
        if (width <= 0 || height <= 0) {
            throw new ImageRefusal(ImageRefusal.Reason.CORRUPT, "the image header gives no size (" + width + " × " + height + ")");
        }
        if (width > limits.maxSide() || height > limits.maxSide() || width * height > limits.maxPixels()) {
            throw new ImageRefusal(ImageRefusal.Reason.TOO_MANY_PIXELS, "the image is " + width + " × " + height + " pixels ("
                    + (width * height) + "); at most " + limits.maxPixels() + " pixels and " + limits.maxSide()
                    + " on a side are accepted");
        }
    }

    private static ImageRefusal corruptOrTruncated(String mediaType, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean truncated = e instanceof java.io.EOFException || detail.toLowerCase(java.util.Locale.ROOT).contains("end of")
                || detail.toLowerCase(java.util.Locale.ROOT).contains("eof");
        if (truncated) {
            return new ImageRefusal(ImageRefusal.Reason.TRUNCATED,
                    "the " + mediaType + " image ends before its last pixel (the file is truncated)");
        }
        return new ImageRefusal(ImageRefusal.Reason.CORRUPT, "the " + mediaType + " image cannot be decoded: " + detail);
    }

    /** The EXIF orientation (1-8), or 1 when the file has none or it cannot be read. */
    private static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int value = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // Unreadable metadata is not a reason to refuse the pixels: show the image as stored.
        }
        return 1;
    }

    /** EXIF orientation → the transform that shows the picture upright. */
    static final class Orientation {
        private Orientation() {
        }

        static BufferedImage upright(BufferedImage image, int orientation) {
            if (orientation <= 1 || orientation > 8) {
                return image;
            }
            int w = image.getWidth();
            int h = image.getHeight();
            AffineTransform t = new AffineTransform();
            boolean swap = orientation >= 5;
            switch (orientation) {
                case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
                case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
                case 4 -> { t.translate(0, h); t.scale(1, -1); }
                case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
                case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
                case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
                case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
                default -> { }
            }
            int type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_RGB : image.getType();
            BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
            new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
            return out;
        }
    }
}
