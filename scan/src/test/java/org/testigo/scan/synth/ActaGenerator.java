package org.testigo.scan.synth;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.tally.brbu.BrBuReader;
import org.testigo.tally.brbu.BrBuReading;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.testing.SharedData;

/**
 * Renders synthetic actas and degrades them by {@link Category}. Deterministic: the same seed, size,
 * category and index give the same bytes.
 *
 * <p>Venezuelan actas carry the QR text of a table of a {@link SyntheticElection}; one acta in four is a
 * Brazilian boletim de urna with the real multi-part QR texts of the TSE test vectors in
 * {@code shared/data/formats} (when that folder is present; otherwise every acta is Venezuelan).
 *
 * <p>{@code photoLongSide} is the long side of a full phone photo: 4000 gives the 12-megapixel photos of
 * the benchmark; tests use less to stay fast. Scans, resent copies and low-resolution pictures keep their
 * own sizes.
 */
public final class ActaGenerator {
    public static final int TWELVE_MEGAPIXELS = 4000;

    private final long seed;
    private final int photoLongSide;
    private final List<ActaSheet> venezuela;
    private final List<ActaSheet> brazil;

    public ActaGenerator(long seed, int photoLongSide) {
        if (photoLongSide < 800) {
            throw new IllegalArgumentException("photoLongSide must be at least 800, got " + photoLongSide);
        }
        this.seed = seed;
        this.photoLongSide = photoLongSide;
        SyntheticElection election = SyntheticElection.generate(SynthSpec.of(300, seed));
        this.venezuela = election.tables().map(t -> ActaSheet.venezuela(t, Ve2024Ballot.BALLOT)).toList();
        this.brazil = brazilSheets();
    }

    /** Full-size (12 MP) phone photos. */
    public static ActaGenerator twelveMegapixels(long seed) {
        return new ActaGenerator(seed, TWELVE_MEGAPIXELS);
    }

    public boolean hasBrazil() {
        return !brazil.isEmpty();
    }

    /** {@code count} actas of one category, indices 0..count-1. */
    public List<SyntheticActa> batch(Category category, int count) {
        List<SyntheticActa> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generate(category, i));
        }
        return out;
    }

    /** The acta number {@code index} of {@code category}. */
    public SyntheticActa generate(Category category, int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + category.ordinal() * 1_000_003L + index);
        ActaSheet sheet = !brazil.isEmpty() && index % 4 == 3
                ? brazil.get(random.nextInt(brazil.size()))
                : venezuela.get(random.nextInt(venezuela.size()));
        Shot shot = shot(category, sheet, random);
        BufferedImage image = new Composer(sheet, shot, random).compose();
        String ext = shot.jpegQuality() > 0 ? "jpg" : "png";
        byte[] bytes = encode(image, shot.jpegQuality());
        String name = String.format("%s-%03d.%s", category.slug(), index, ext);
        return new SyntheticActa(name, category, sheet.format(), sheet.qrTexts(), bytes, ext.equals("jpg") ? "image/jpeg" : "image/png",
                image.getWidth(), image.getHeight());
    }

    private Shot shot(Category category, ActaSheet sheet, SplittableRandom r) {
        double scale = photoLongSide / (double) TWELVE_MEGAPIXELS;
        int w = (int) Math.round(photoLongSide * 0.75);
        int h = photoLongSide;
        // An ordinary phone photo of the acta: the strip fills much of the frame.
        double module = Math.max(3.2, u(r, 6, 13) * scale);
        double optics = u(r, 0.6, 1.2) * Math.max(0.5, scale);
        double rot = u(r, -12, 12);
        double tilt = u(r, 0.05, 0.25);
        double tiltDir = u(r, 0, 360);
        double light = u(r, 0.75, 0.95);
        double gradient = u(r, 0, 0.3);
        double shadow = r.nextDouble() < 0.4 ? u(r, 0.15, 0.35) : 0;
        double noise = u(r, 0.008, 0.018);
        int q = (int) u(r, 85, 94);
        return switch (category) {
            case CLEAN_SCAN -> new Shot(true, 0, 0, 0, r.nextBoolean() ? 200 : 300, u(r, -0.6, 0.6), 0, 0, 0.96, 0.02, 0, 0, 0.5, 0, 0,
                    0.006, 0, 1, 0, 0, false, 0, r.nextInt(3) == 0 ? 92 : 0, true);
            case SKEWED_SCAN -> new Shot(true, 0, 0, 0, new double[] {150, 200, 300}[r.nextInt(3)], sign(r) * u(r, 3, 15), 0, 0, 0.93,
                    u(r, 0.05, 0.15), 0, 0, 0.6, 0, 0, 0.01, 0, 1, 0, 0, false, 0, (int) u(r, 80, 92), r.nextBoolean());
            case PHONE_PHOTO -> new Shot(false, w, h, module, 0, rot, u(r, 0.1, 0.35), tiltDir, light, u(r, 0.1, 0.4), 0.3,
                    r.nextDouble() < 0.7 ? u(r, 0.2, 0.4) : 0, optics, 0, 0, noise, 0.8, 1, 0, 0, false, 0, q, false);
            case MESSAGING_APP -> {
                int side = r.nextBoolean() ? 1280 : 1600;
                yield new Shot(false, side * 3 / 4, side, u(r, 2.8, 4.5), 0, rot, tilt, tiltDir, light, gradient, 0.25, shadow, 0.7, 0,
                        0, noise, 0.6, 1, 0, 0, false, 0, (int) u(r, 50, 72), false);
            }
            case DIM_NOISY -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, u(r, 0.22, 0.35), gradient, 0.35, shadow, optics, 0,
                    0, u(r, 0.015, 0.03), 1.0, 1, 0, 0, false, 0, q, false);
            case BLUR -> {
                boolean motion = r.nextBoolean();
                yield new Shot(false, w, h, module, 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow,
                        motion ? optics : u(r, 0.25, 0.4) * module, motion ? u(r, 0.5, 0.9) * module : 0, u(r, 0, 180), noise, 0.8, 1,
                        0, 0, false, 0, q, false);
            }
            case SMALL_QR -> new Shot(false, w, h, u(r, 2.4, 3.4), 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow, 0.6, 0, 0,
                    noise, 0.6, 1, 0, 0, false, 0, q, false);
            case ROTATED -> new Shot(false, w, h, module, 0, u(r, 0, 360), tilt, tiltDir, light, gradient, 0.3, shadow, optics, 0, 0,
                    noise, 0.8, 1, 0, 0, false, 0, q, false);
            case HARD_FOCUS_BLUR -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow,
                    u(r, 0.4, 0.5) * module, 0, 0, noise, 0.8, 1, 0, 0, false, 0, q, false);
            case HARD_MOTION_BLUR -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow, optics,
                    u(r, 1.2, 1.6) * module, u(r, 0, 180), noise, 0.8, 1, 0, 0, false, 0, q, false);
            case HARD_NIGHT -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, u(r, 0.08, 0.14), u(r, 0.2, 0.5), 0.5, shadow,
                    optics, 0, 0, u(r, 0.012, 0.02), 1.3, u(r, 2.5, 4), 0, 0, false, 0, (int) u(r, 72, 85), false);
            case HARD_CURLED -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow, optics, 0, 0, noise,
                    0.8, 1, 0, 0, false, index(r) % 2 == 0 ? 1 : 2, q, false);
            case HARD_GLARE -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, u(r, 0.6, 0.8), gradient, 0.3, 0, optics, 0, 0,
                    noise, 0.8, 1, u(r, 1.0, 1.4), u(r, 0.2, 0.3), false, 0, q, false);
            case HARD_STEEP_ANGLE -> new Shot(false, w, h, module * 1.3, 0, rot, u(r, 0.72, 0.82), tiltDir, light, gradient, 0.3, shadow,
                    optics, 0, 0, noise, 0.8, 1, 0, 0, false, 0, q, false);
            case HARD_FINGER -> new Shot(false, w, h, module, 0, rot, tilt, tiltDir, light, gradient, 0.3, shadow, optics, 0, 0, noise,
                    0.8, 1, 0, 0, true, 0, q, false);
            case HARD_JPEG -> {
                int side = r.nextBoolean() ? 1280 : 1600;
                yield new Shot(false, side * 3 / 4, side, u(r, 2.5, 3.5), 0, rot, tilt, tiltDir, light, gradient, 0.25, shadow, 0.7, 0,
                        0, noise, 0.6, 1, 0, 0, false, 0, (int) u(r, 5, 9), false);
            }
            case HARD_LOW_RES -> {
                int side = (int) u(r, 640, 900);
                yield new Shot(false, side * 3 / 4, side, u(r, 1.5, 2.0), 0, rot, tilt, tiltDir, light, gradient, 0.25, shadow, 0.5, 0,
                        0, noise, 0.5, 1, 0, 0, false, 0, (int) u(r, 75, 88), false);
            }
        };
    }

    private static int index(SplittableRandom r) {
        return r.nextInt(1 << 20);
    }

    private static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    static byte[] encode(BufferedImage image, int jpegQuality) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (jpegQuality <= 0) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality / 100f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TSE test-vector BUs that the Brazilian reader accepts as complete, chained boletins. */
    private static List<ActaSheet> brazilSheets() {
        Path formats;
        try {
            formats = SharedData.dir().resolve("formats");
        } catch (RuntimeException absent) {
            // No shared data here (SharedData skips rather than fails outside CI): Venezuelan actas only.
            return List.of();
        }
        List<ActaSheet> sheets = new ArrayList<>();
        BrBuReader reader = BrBuReader.withPinnedKeys();
        Pattern entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL);
        Pattern string = Pattern.compile("\"([^\"]*)\"");
        try (Stream<Path> files = Files.list(formats)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("br_bu_qr_vrqr1\\.5.*\\.json")).sorted().toList()) {
                Matcher m = entry.matcher(Files.readString(file));
                while (m.find()) {
                    List<String> parts = new ArrayList<>();
                    Matcher s = string.matcher(m.group(2));
                    while (s.find()) {
                        parts.add(s.group(1));
                    }
                    if (!parts.isEmpty() && reader.read(parts) instanceof BrBuReading.Read) {
                        sheets.add(ActaSheet.brazil(m.group(1), parts));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(sheets);
    }
}
