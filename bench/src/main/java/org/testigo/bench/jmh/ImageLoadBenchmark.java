package org.testigo.bench.jmh;

import boofcv.struct.image.GrayU8;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.testigo.scan.Gray;
import org.testigo.scan.ImageLoader;
import org.testigo.scan.ImageRefusal;
import org.testigo.scan.LoadedImage;

/**
 * Loading a 12-megapixel phone photo (4000 × 3000 JPEG, quality 0.9, 4:2:0, about 2.6 MB): the price
 * every image pays before the QR cascade starts. Workload: one seeded synthetic page (gradient
 * lighting, lines of text, ±8 grey levels of sensor noise), loaded upright (orientation 1) or turned
 * by EXIF orientation 6 (a phone held upright), then converted to grey for the cascade.
 * <pre>
 *   mvn -q -DskipTests -pl bench -am package
 *   java -cp 'bench/target/classes:bench/target/lib/*' org.openjdk.jmh.Main ImageLoadBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImageLoadBenchmark {
    @Param({"1", "6"})
    int orientation;

    private final ImageLoader loader = new ImageLoader();
    private byte[] jpeg;
    private LoadedImage loaded;

    @Setup
    public void setUp() throws Exception {
        jpeg = withOrientation(phonePhoto(4000, 3000, 1), orientation);
        loaded = loader.load(jpeg);
    }

    @Benchmark
    public LoadedImage load() throws ImageRefusal {
        return loader.load(jpeg);
    }

    @Benchmark
    public GrayU8 gray() {
        return Gray.of(loaded.pixels());
    }

    @Benchmark
    public GrayU8 loadAndGray() throws ImageRefusal {
        return Gray.of(loader.load(jpeg).pixels());
    }

    static byte[] phonePhoto(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(200, 190, 170), w, h, new Color(60, 50, 40)));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 40));
        Random random = new Random(seed);
        for (int y = 100; y < h; y += 60) {
            g.drawString("ACTA DE ESCRUTINIO 0123456789 " + random.nextInt(), 300, y);
        }
        g.dispose();
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) Math.max(0, Math.min(255, (d[i] & 0xff) + random.nextInt(17) - 8));
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream o = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(o);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The JPEG with a minimal big-endian EXIF APP1 holding only the orientation, inserted after SOI
     * (EXIF 2.32 section 4.5.4; IFD0 with one SHORT entry, tag 0x0112).
     */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        if (orientation == 1) {
            return jpeg;
        }
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = 2 + 6 + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(0xe1);
        out.write(length >> 8);
        out.write(length);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
