package org.testigo.scan;

import static org.testigo.scan.ImageRefusal.Reason.CORRUPT;
import static org.testigo.scan.ImageRefusal.Reason.EMPTY;
import static org.testigo.scan.ImageRefusal.Reason.NOT_AN_IMAGE;
import static org.testigo.scan.ImageRefusal.Reason.TOO_LARGE;
import static org.testigo.scan.ImageRefusal.Reason.TOO_MANY_PIXELS;
import static org.testigo.scan.ImageRefusal.Reason.TOO_SMALL;
import static org.testigo.scan.ImageRefusal.Reason.TRUNCATED;
import static org.testigo.scan.ImageRefusal.Reason.UNSUPPORTED_FORMAT;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import boofcv.struct.image.GrayU8;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns untrusted bytes into an upright picture, or refuses them with a reason. In order, each step
 * bounded by the one before:
 * <ol>
 *   <li>the size of the file against {@link ImageLimits#maxBytes()};
 *   <li>the kind, sniffed from the first bytes (never from a file name);
 *   <li>the structure, walked by Testigo's own parsers ({@link JpegStructure}, {@link PngStructure},
 *       {@link WebpStructure}, {@link TiffStructure}): the size in the header, checked against the limits
 *       before a decoder is even created, plus truncation and checksums, plus the EXIF orientation;
 *   <li>the decoding, with metadata skipped (a compressed text chunk is never inflated), the decoder's
 *       warnings turned into {@code TRUNCATED} or {@code CORRUPT} rather than a half-grey picture;
 *   <li>the pixels brought to a plain layout (3-byte BGR or 8-bit grey) and turned upright.
 * </ol>
 * JPEGs go to the JDK's own decoder first (a quarter faster than TwelveMonkeys' on phone photos) and to
 * TwelveMonkeys' only when the JDK's fails (CMYK, broken colour profiles). Thread-safe.
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
     * The cheap checks only: size, kind, structure and the dimensions in the header against the limits.
     * Costs a walk over the file's headers (no pixel decoded, nothing allocated but a few objects), so a
     * request handler can refuse a bomb or a non-image before queueing any work.
     */
    public ImageHeader inspect(byte[] bytes) throws ImageRefusal {
        return structure(bytes).header();
    }

    /** Decodes the image and turns it upright (see the class comment for the order of checks). */
    public LoadedImage load(byte[] bytes) throws ImageRefusal {
        ImageStructure s = structure(bytes);
        BufferedImage decoded = decode(bytes, s);
        if (decoded.getWidth() != s.width() || decoded.getHeight() != s.height()) {
            // The header said one size and the decoder another: trust neither.
            throw new ImageRefusal(CORRUPT, "the " + kind(s.mediaType()) + " header says " + s.width() + " × " + s.height()
                    + " pixels but the image data holds " + decoded.getWidth() + " × " + decoded.getHeight());
        }
        BufferedImage upright = Orientation.upright(Pixels.plain(decoded), s.orientation());
        return new LoadedImage(upright, s.mediaType(), s.orientation());
    }

    /**
     * Decodes the image to an upright grey picture, all QR decoding needs. A JPEG whose first component
     * is luma (nearly all: JFIF and camera files) is decoded to that component alone, with no colour
     * conversion and no colour picture built: a fraction of the work of {@link #load} on a phone photo.
     * Anything else goes through {@link #load} and {@link Gray#of}. Same checks and refusals as {@link #load}.
     */
    public LoadedGray loadGray(byte[] bytes) throws ImageRefusal {
        ImageStructure s = structure(bytes);
        if (s.mediaType().equals("image/jpeg") && JpegStructure.lumaFirst(bytes)) {
            List<ImageReaderSpi> decoders = Decoders.FOR.get("image/jpeg");
            if (!decoders.isEmpty() && decoders.get(0).getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
                GrayU8 luma = null;
                try {
                    luma = lumaOf(decoders.get(0), bytes, s);
                } catch (ImageRefusal refusal) {
                    if (refusal.reason() == TRUNCATED) {
                        throw refusal;
                    }
                    // Otherwise the full path below decides, with its second decoder.
                }
                if (luma != null) {
                    return new LoadedGray(Orientation.upright(luma, s.orientation()), s.mediaType(), s.orientation());
                }
            }
        }
        LoadedImage image = load(bytes);
        return new LoadedGray(Gray.of(image.pixels()), image.mediaType(), image.exifOrientation());
    }

    private static final ImageTypeSpecifier GREY = ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY);

    /** The luma the JDK decoder reads (band 0 of a YCbCr or grey JPEG, unconverted), as stored (not yet upright). */
    private static GrayU8 lumaOf(ImageReaderSpi spi, byte[] bytes, ImageStructure s) throws ImageRefusal {
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            ImageReader reader = spi.createReaderInstance();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                // A grey destination makes the JDK's libjpeg output the luma component as it is (no colour
                // conversion) and skip the chroma components' inverse DCT and upsampling: 85 ms instead of
                // 135 ms for a 12 MP phone photo, the largest single cost of reading one.
                ImageReadParam param = reader.getDefaultReadParam();
                param.setDestinationType(GREY);
                Raster raster = reader.read(0, param).getRaster();
                ImageRefusal damaged = fromWarnings("image/jpeg", warnings, null);
                if (damaged != null) {
                    throw damaged;
                }
                if (raster.getWidth() != s.width() || raster.getHeight() != s.height()) {
                    throw new ImageRefusal(CORRUPT, "the JPEG header says " + s.width() + " × " + s.height()
                            + " pixels but the image data holds " + raster.getWidth() + " × " + raster.getHeight());
                }
                return band0(raster);
            } finally {
                reader.dispose();
            }
        } catch (ImageRefusal refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            ImageRefusal damaged = fromWarnings("image/jpeg", warnings, e);
            throw damaged != null ? damaged : failed("image/jpeg", e);
        }
    }

    private static GrayU8 band0(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        GrayU8 out = new GrayU8(w, h);
        if (raster.getSampleModel() instanceof ComponentSampleModel sm && raster.getDataBuffer() instanceof DataBufferByte db
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            byte[] in = db.getData();
            int stride = sm.getScanlineStride();
            int pixel = sm.getPixelStride();
            int offset = db.getOffset() + sm.getBandOffsets()[0];
            int bank = sm.getBankIndices()[0];
            if (bank == 0) {
                byte[] o = out.data;
                for (int y = 0; y < h; y++) {
                    int s = offset + y * stride;
                    int d = y * w;
                    if (pixel == 1) {
                        System.arraycopy(in, s, o, d, w);
                    } else {
                        for (int x = 0; x < w; x++, s += pixel) {
                            o[d + x] = in[s];
                        }
                    }
                }
                return out;
            }
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out.data[y * w + x] = (byte) row[x];
            }
        }
        return out;
    }

    private ImageStructure structure(byte[] bytes) throws ImageRefusal {
        if (bytes.length == 0) {
            throw new ImageRefusal(EMPTY, "the file is empty (0 bytes)");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRefusal(TOO_LARGE, "the file has " + bytes.length + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
        String mediaType = MediaTypes.sniff(bytes);
        if (mediaType == null) {
            String unsupported = MediaTypes.unsupportedImage(bytes);
            if (unsupported != null) {
                throw new ImageRefusal(UNSUPPORTED_FORMAT, "the file is " + unsupported + "; Testigo reads JPEG, PNG, WebP and TIFF: "
                        + "send the photo as a JPEG");
            }
            throw new ImageRefusal(NOT_AN_IMAGE, "the file is not a JPEG, PNG, WebP or TIFF image: it looks like "
                    + MediaTypes.describe(bytes));
        }
        ImageStructure s = switch (mediaType) {
            case "image/jpeg" -> JpegStructure.read(bytes);
            case "image/png" -> PngStructure.read(bytes);
            case "image/webp" -> WebpStructure.read(bytes);
            case "image/tiff" -> TiffStructure.read(bytes);
            default -> throw new IllegalStateException("sniffed an unknown type " + mediaType);
        };
        checkDimensions(s);
        return s;
    }

    private void checkDimensions(ImageStructure s) throws ImageRefusal {
        long w = s.width();
        long h = s.height();
        if (w > limits.maxSide() || h > limits.maxSide() || w * h > limits.maxPixels()) {
            throw new ImageRefusal(TOO_MANY_PIXELS, "the " + kind(s.mediaType()) + " header announces " + w + " × " + h + " pixels ("
                    + String.format(Locale.ROOT, "%.1f", w * h / 1e6) + " megapixels); at most " + limits.maxPixels() / 1_000_000
                    + " megapixels and " + limits.maxSide() + " pixels on a side are accepted");
        }
        if (w < limits.minSide() || h < limits.minSide()) {
            throw new ImageRefusal(TOO_SMALL, "the image is only " + w + " × " + h + " pixels; a QR code needs at least "
                    + limits.minSide() + " on each side");
        }
    }

    private BufferedImage decode(byte[] bytes, ImageStructure s) throws ImageRefusal {
        List<ImageReaderSpi> decoders = Decoders.FOR.get(s.mediaType());
        if (decoders == null || decoders.isEmpty()) {
            throw new ImageRefusal(UNSUPPORTED_FORMAT, "no decoder for " + s.mediaType() + " is installed");
        }
        ImageRefusal first = null;
        for (ImageReaderSpi spi : decoders) {
            try {
                return decodeWith(spi, bytes, s.mediaType());
            } catch (ImageRefusal refusal) {
                if (refusal.reason() == TRUNCATED) {
                    throw refusal; // a second decoder cannot find the bytes that are missing
                }
                first = first == null ? refusal : first;
            }
        }
        throw first;
    }

    private static BufferedImage decodeWith(ImageReaderSpi spi, byte[] bytes, String mediaType) throws ImageRefusal {
        List<String> warnings = new ArrayList<>();
        // Read the bytes in place: ImageIO's own stream would copy them to a temporary file first.
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            ImageReader reader = spi.createReaderInstance();
            try {
                reader.setInput(in, true, true); // ignoreMetadata: skip (never inflate) text and profile chunks
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                ImageRefusal damaged = fromWarnings(mediaType, warnings, null);
                if (damaged != null) {
                    throw damaged;
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageRefusal refusal) {
            throw refusal;
        } catch (IOException | RuntimeException e) {
            ImageRefusal damaged = fromWarnings(mediaType, warnings, e);
            throw damaged != null ? damaged : failed(mediaType, e);
        }
    }

    /**
     * What the JPEG decoder's warnings mean. It reports a missing end (its own "Missing EOI marker") and
     * damaged entropy data ("Corrupt JPEG data: …", libjpeg's words) but decodes on, filling the rest with
     * grey. Missing EOI alone means every pixel arrived: accepted. Missing EOI with damage (or a failure)
     * is a truncated file; damage alone a corrupt one. Extraneous bytes before a marker are harmless padding.
     */
    private static ImageRefusal fromWarnings(String mediaType, List<String> warnings, Exception failure) {
        boolean endMissing = false;
        String damage = null;
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("missing eoi") || lower.contains("premature end of jpeg file")) {
                endMissing = true;
            } else if (lower.contains("corrupt jpeg data") && !lower.contains("extraneous bytes")) {
                damage = damage == null ? w : damage;
            }
        }
        if (endMissing && (damage != null || failure != null)) {
            return new ImageRefusal(TRUNCATED, "the " + kind(mediaType) + " image data ends before its last pixel (the file is truncated)");
        }
        if (damage != null) {
            return new ImageRefusal(CORRUPT, "the " + kind(mediaType) + " image data is damaged: " + damage);
        }
        return null;
    }

    private static ImageRefusal failed(String mediaType, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof EOFException || m.contains("unexpected end of zlib") || m.contains("end of stream")) {
                return new ImageRefusal(TRUNCATED, "the " + kind(mediaType) + " image data ends before its last pixel (the file is truncated)");
            }
        }
        StringBuilder detail = new StringBuilder();
        for (Throwable t = e; t != null && detail.length() < 300; t = t.getCause()) {
            if (t.getMessage() != null && detail.indexOf(t.getMessage()) < 0) {
                detail.append(detail.isEmpty() ? "" : ": ").append(t.getMessage());
            }
        }
        return new ImageRefusal(CORRUPT, "the " + kind(mediaType) + " image data cannot be decoded: "
                + (detail.isEmpty() ? e.getClass().getSimpleName() : detail));
    }

    /** {@code JPEG} for {@code image/jpeg}: the word people know. */
    static String kind(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "JPEG";
            case "image/png" -> "PNG";
            case "image/webp" -> "WebP";
            case "image/tiff" -> "TIFF";
            default -> mediaType;
        };
    }

    /** The decoders to try per media type, best first, chosen once by class rather than by registry order. */
    static final class Decoders {
        static final java.util.Map<String, List<ImageReaderSpi>> FOR = java.util.Map.of(
                "image/jpeg", pick("image/jpeg", "com.sun.imageio.plugins.jpeg.", "com.twelvemonkeys.imageio.plugins.jpeg."),
                "image/png", pick("image/png", "com.sun.imageio.plugins.png."),
                "image/webp", pick("image/webp", "com.twelvemonkeys.imageio.plugins.webp."),
                "image/tiff", pick("image/tiff", "com.twelvemonkeys.imageio.plugins.tiff.", "com.sun.imageio.plugins.tiff."));

        private Decoders() {
        }

        /** The named decoders in that order when installed; otherwise whatever ImageIO has for the type. */
        private static List<ImageReaderSpi> pick(String mediaType, String... preferred) {
            ImageIO.scanForPlugins();
            List<ImageReaderSpi> all = new ArrayList<>();
            Iterator<ImageReaderSpi> it = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
            while (it.hasNext()) {
                ImageReaderSpi spi = it.next();
                if (List.of(spi.getMIMETypes() == null ? new String[0] : spi.getMIMETypes()).contains(mediaType)) {
                    all.add(spi);
                }
            }
            List<ImageReaderSpi> chosen = new ArrayList<>();
            for (String prefix : preferred) {
                all.stream().filter(spi -> spi.getClass().getName().startsWith(prefix)).findFirst().ifPresent(chosen::add);
            }
            return List.copyOf(chosen.isEmpty() ? all : chosen);
        }
    }
}
