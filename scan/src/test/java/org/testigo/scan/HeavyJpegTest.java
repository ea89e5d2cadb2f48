package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import boofcv.struct.image.GrayU8;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cascade's heavy-JPEG strategies (BoofCV with finer thresholds on the denoised small picture and on it
 * enlarged twice) against codes ZXing's encoder made, drawn here at 2.8 to 3.2 pixels per module, slightly
 * rotated, blurred like a phone's lens, with grain, and compressed by ImageIO's JPEG writer at quality 5: what
 * a messaging app resending a resent photo makes. The 8 × 8 blocks of a code so compressed span two or three
 * modules, and the finder patterns' 1:1:3:1:1 runs break at block edges. What is read is checked against
 * the encoded text.
 *
 * <p>The pictures are three of a sweep (module size 2.6 to 3.4 px, 4 to 31 degrees, blur 0.8 to 1.2 px):
 * of its 100 pictures the cascade without these strategies read 42; of the 58 others, the strategies read 9.
 * And, in a small picture, the mesh samples a code again from a second view's better location.
 */
class HeavyJpegTest {
    /** A payload shaped like a Venezuelan acta's (table, then comma-separated counts): a version 6 code at level M. */
    private static final String TEXT = "180601001.01.1.0001!48,2,3,0,1,1,0,1,0,1,0,1,4,1,0,0,0,1,0,1,1,0,0,0,0,0,0,0,0,0,0,0,0,4,6,290,0,1!0!0";
    /** ImageIO's quality 0.05 is the IJG quality 5 of the benchmark's heaviest resends. */
    private static final float QUALITY = 0.05f;

    /** The cascade as it was before the heavy-JPEG strategies: everything before the first of them. */
    private static List<QrCascade.Strategy> before() {
        int first = QrCascade.STRATEGIES.indexOf(new QrCascade.Strategy("denoise-small", QrCascade.Decoder.BOOFCV_MEAN_FINE));
        assertThat(first).as("the first heavy-JPEG strategy is in the cascade").isPositive();
        return QrCascade.STRATEGIES.subList(0, first);
    }

    @ParameterizedTest(name = "{0} px per module, {1} degrees, blur {2} px")
    @CsvSource({"2.8, 4, 0.9", "3.0, 17, 1.0", "3.2, 31, 1.1"})
    void readsAHeavilyCompressedCodeThatTheEarlierStrategiesDoNot(double px, double degrees, double blur) throws Exception {
        GrayU8 gray = picture(px, degrees, blur, QUALITY);

        assertThat(QrCascade.boofcvAlone(gray)).isEmpty();
        assertThat(QrCascade.zxingAlone(gray)).isEmpty();
        assertThat(new QrCascade(before()).scan(gray, p -> p.contains(TEXT), System.nanoTime()).payloads()).doesNotContain(TEXT);
        assertThat(new QrCascade().scan(gray, p -> p.contains(TEXT), System.nanoTime()).payloads()).containsExactly(TEXT);
    }

    @Test
    void samplesASmallPicturesCodeAgainWhenAnotherViewLocatesItBetter() throws Exception {
        ByteMatrix m = Encoder.encode(TEXT, ErrorCorrectionLevel.M, Map.of(EncodeHintType.MARGIN, 0)).getMatrix();
        int n = m.getWidth();
        double px = 3;
        double origin = 200;
        GrayU8 gray = new GrayU8(900, 700);
        for (int y = 0; y < gray.height; y++) {
            for (int x = 0; x < gray.width; x++) {
                int u = (int) Math.floor((x - origin) / px);
                int v = (int) Math.floor((y - origin) / px);
                boolean dark = u >= 0 && v >= 0 && u < n && v < n && m.get(u, v) == 1;
                gray.set(x, y, dark ? 40 : 210);
            }
        }
        // Where the code is (module centres to pixels), and a location of it 7% too small around the same
        // upper-left finder: the same code to sameAs, but a grid off by more than two modules at the far side.
        LocatedCode exact = located(n, origin, px);
        LocatedCode shrunk = located(n, origin + 3.5 * px * 0.07, px * 0.93);
        assertThat(shrunk.sameAs(exact)).isTrue();

        QrCascade.Views onlyShrunk = new QrCascade.Views(gray);
        onlyShrunk.keep(shrunk, "work");
        assertThat(onlyShrunk.readMesh()).as("the poor location alone").isEmpty();

        QrCascade.Views both = new QrCascade.Views(gray);
        both.keep(shrunk, "work");
        both.keep(exact, "threshold");
        assertThat(both.readMesh()).containsExactly(TEXT);
    }

    /** A code of {@code n} modules whose module (0, 0) starts at ({@code origin}, {@code origin}), {@code px} pixels each. */
    private static LocatedCode located(int n, double origin, double px) {
        return new LocatedCode(n, List.of(
                new GridHomography.Anchor(3.5, 3.5, origin + 3.5 * px, origin + 3.5 * px),
                new GridHomography.Anchor(n - 3.5, 3.5, origin + (n - 3.5) * px, origin + 3.5 * px),
                new GridHomography.Anchor(3.5, n - 3.5, origin + 3.5 * px, origin + (n - 3.5) * px),
                new GridHomography.Anchor(n - 6.5, n - 6.5, origin + (n - 6.5) * px, origin + (n - 6.5) * px)));
    }

    /**
     * A grey sheet of paper (200) with the code (modules 50) on a dark table (70), rotated about a point off
     * the picture's centre (so the 8 × 8 blocks fall differently on every module), supersampled 4 × 4, then
     * blurred, given grain of standard deviation 5 (fixed seed) and JPEG-compressed; the decoded JPEG's grey.
     */
    static GrayU8 picture(double px, double degrees, double blur, float quality) throws IOException, WriterException {
        ByteMatrix m = Encoder.encode(TEXT, ErrorCorrectionLevel.M, Map.of(EncodeHintType.MARGIN, 0)).getMatrix();
        int n = m.getWidth();
        int w = 960;
        int h = 1280;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cx = w * 0.45;
        double cy = h * 0.55;
        int ss = 4;
        double[] grey = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int j = 0; j < ss; j++) {
                    for (int i = 0; i < ss; i++) {
                        double dx = x + (i + 0.5) / ss - cx;
                        double dy = y + (j + 0.5) / ss - cy;
                        double u = (dx * cos + dy * sin) / px + n / 2.0;
                        double v = (-dx * sin + dy * cos) / px + n / 2.0;
                        int value;
                        if (Math.abs(u - n / 2.0) > n / 2.0 + 8 || Math.abs(v - n / 2.0) > n / 2.0 + 12) {
                            value = 70; // the table under the paper
                        } else if (u >= 0 && v >= 0 && u < n && v < n && m.get((int) u, (int) v) == 1) {
                            value = 50;
                        } else {
                            value = 200;
                        }
                        sum += value;
                    }
                }
                grey[y * w + x] = sum / (ss * ss);
            }
        }
        grey = gaussian(grey, w, h, blur);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < w * h; i++) {
            int v = (int) Math.round(grey[i] + random.nextGaussian() * 5);
            v = Math.clamp(v, 0, 255);
            image.setRGB(i % w, i / w, v << 16 | v << 8 | v);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return Gray.of(ImageIO.read(new ByteArrayInputStream(out.toByteArray())));
    }

    /** A separable Gaussian blur of standard deviation {@code sigma} pixels: the lens and the phone's own processing. */
    static double[] gaussian(double[] in, int w, int h, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            total += k[i + r];
        }
        double[] tmp = new double[w * h];
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * in[y * w + Math.clamp(x + i, 0, w - 1)];
                }
                tmp[y * w + x] = s / total;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int i = -r; i <= r; i++) {
                    s += k[i + r] * tmp[Math.clamp(y + i, 0, h - 1) * w + x];
                }
                out[y * w + x] = s / total;
            }
        }
        return out;
    }
}
