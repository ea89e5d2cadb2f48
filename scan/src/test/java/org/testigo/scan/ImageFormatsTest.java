package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of file a phone or a scanner sends loads as the picture that was encoded. */
class ImageFormatsTest {
    private final ImageLoader loader = new ImageLoader();

    /** Left half black, right half white, with a grey bar across the top third: survives any encoder. */
    private static BufferedImage page(int type, int w, int h) {
        BufferedImage img = Pictures.filled(w, h, type, Color.WHITE);
        var g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        return img;
    }

    private static void assertPage(LoadedImage loaded, int w, int h) {
        assertThat(loaded.width()).isEqualTo(w);
        assertThat(loaded.height()).isEqualTo(h);
        BufferedImage p = loaded.pixels();
        assertThat(Pictures.near(p.getRGB(w / 4, h / 2), Color.BLACK, 8)).as("left half black").isTrue();
        assertThat(Pictures.near(p.getRGB(3 * w / 4, h / 2), Color.WHITE, 8)).as("right half white").isTrue();
    }

    @Test
    void loadsAColourJpegAsThreeByteBgr() throws Exception {
        BufferedImage img = Pictures.filled(64, 48, BufferedImage.TYPE_INT_RGB, new Color(200, 30, 40));
        LoadedImage loaded = loader.load(Pictures.jpeg(img, 0.95f));
        assertThat(loaded.mediaType()).isEqualTo("image/jpeg");
        assertThat(loaded.pixels().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(loaded.exifOrientation()).isEqualTo(1);
        assertThat(Pictures.near(loaded.pixels().getRGB(30, 20), new Color(200, 30, 40), 6)).isTrue();
        assertThat(loader.inspect(Pictures.jpeg(img, 0.95f))).isEqualTo(new ImageHeader("image/jpeg", 64, 48));
    }

    @Test
    void loadsAGreyJpegAsEightBitGrey() throws Exception {
        LoadedImage loaded = loader.load(Pictures.jpeg(page(BufferedImage.TYPE_BYTE_GRAY, 80, 60), 0.95f));
        assertThat(loaded.pixels().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertPage(loaded, 80, 60);
    }

    @Test
    void showsATransparentPngOnWhitePaper() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB); // all transparent black
        var g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 20, 30);
        g.dispose();
        LoadedImage loaded = loader.load(Pictures.png(img));
        assertThat(loaded.mediaType()).isEqualTo("image/png");
        assertThat(loaded.pixels().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(loaded.pixels().getRGB(10, 15) & 0xffffff).isEqualTo(0x000000);
        assertThat(loaded.pixels().getRGB(30, 15) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void loadsASixteenBitPng() throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(20, 0, 20, 30);
        g.dispose();
        LoadedImage loaded = loader.load(Pictures.png(img));
        assertThat(loaded.pixels().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertPage(loaded, 40, 30);
    }

    static Stream<Arguments> scannerTiffs() {
        return Stream.of(
                Arguments.of("8-bit grey, LZW", BufferedImage.TYPE_BYTE_GRAY, "LZW"),
                Arguments.of("8-bit grey, Deflate", BufferedImage.TYPE_BYTE_GRAY, "Deflate"),
                Arguments.of("8-bit grey, PackBits", BufferedImage.TYPE_BYTE_GRAY, "PackBits"),
                Arguments.of("8-bit grey, uncompressed", BufferedImage.TYPE_BYTE_GRAY, null),
                Arguments.of("bilevel, PackBits", BufferedImage.TYPE_BYTE_BINARY, "PackBits"),
                Arguments.of("bilevel, LZW", BufferedImage.TYPE_BYTE_BINARY, "LZW"),
                Arguments.of("bilevel, CCITT T.6 (fax G4)", BufferedImage.TYPE_BYTE_BINARY, "CCITT T.6"),
                Arguments.of("RGB, LZW", BufferedImage.TYPE_3BYTE_BGR, "LZW"),
                Arguments.of("RGB, Deflate", BufferedImage.TYPE_3BYTE_BGR, "Deflate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scannerTiffs")
    void loadsAMultiStripScannerTiff(String kind, int type, String compression) throws Exception {
        int w = 400;
        int h = 600;
        byte[] tiff = Pictures.tiff(page(type, w, h), compression);
        TiffDirectory ifd = TiffDirectory.read(tiff, 0, tiff.length);
        assertThat(ifd.values(TiffDirectory.STRIP_OFFSETS)).as("written in several strips, as scanners do").hasSizeGreaterThan(1);
        LoadedImage loaded = loader.load(tiff);
        assertThat(loaded.mediaType()).isEqualTo("image/tiff");
        assertPage(loaded, w, h);
        if (type != BufferedImage.TYPE_3BYTE_BGR) {
            assertThat(loaded.pixels().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            // Lossless: the last row is exactly what was written (a strip lost would be zeros or garbage).
            byte[] px = Pixels.bytes(loaded.pixels());
            assertThat(px[(h - 1) * w + 10]).isEqualTo((byte) 0);
            assertThat(px[(h - 1) * w + w - 10]).isEqualTo((byte) 255);
        }
    }

    @Test
    void loadsALosslessWebp() throws Exception {
        int w = 37;
        int h = 23;
        boolean[][] white = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                white[y][x] = x >= 10 || y >= 15; // a black block in the top-left corner
            }
        }
        byte[] webp = Pictures.webpLossless(white);
        assertThat(loader.inspect(webp)).isEqualTo(new ImageHeader("image/webp", w, h));
        LoadedImage loaded = loader.load(webp);
        assertThat(loaded.mediaType()).isEqualTo("image/webp");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertThat(loaded.pixels().getRGB(x, y) & 0xffffff).as("pixel %d,%d", x, y).isEqualTo(white[y][x] ? 0xffffff : 0);
            }
        }
    }

    @Test
    void readsTheSizeOfALossyWebpFromItsFrameHeader() throws Exception {
        // A VP8 key frame header (RFC 6386, 9.1): 3-byte frame tag, start code 9D 01 2A, 14-bit sizes.
        byte[] vp8 = {0x50, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x07, 0x38, 0x04};
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes());
        Pictures.writeIntLe(out, 4 + 8 + vp8.length);
        out.writeBytes("WEBPVP8 ".getBytes());
        Pictures.writeIntLe(out, vp8.length);
        out.writeBytes(vp8);
        assertThat(loader.inspect(out.toByteArray())).isEqualTo(new ImageHeader("image/webp", 1920, 1080));
    }

    @Test
    void theGreyPathOfAColourJpegIsExactlyTheLumaTheFileStores() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        BufferedImage colour = new BufferedImage(333, 217, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < colour.getHeight(); y++) {
            for (int x = 0; x < colour.getWidth(); x++) {
                colour.setRGB(x, y, random.nextInt(1 << 24)); // noise in every channel: chroma the decoder must not leak into grey
            }
        }
        byte[] jpeg = Pictures.jpeg(colour, 0.8f);
        // The file's own luma: the JDK decoder's raw raster (YCbCr, unconverted), band 0.
        javax.imageio.ImageReader reader = null;
        for (var it = javax.imageio.ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            javax.imageio.ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.imageio.plugins.jpeg.")) {
                reader = r;
            }
        }
        assertThat(reader).as("the JDK's JPEG decoder").isNotNull();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg)));
        java.awt.image.Raster raw = reader.readRaster(0, null);
        assertThat(raw.getNumBands()).isEqualTo(3);

        boofcv.struct.image.GrayU8 grey = new ImageLoader().loadGray(jpeg).gray();
        assertThat(grey.width).isEqualTo(333);
        assertThat(grey.height).isEqualTo(217);
        for (int y = 0; y < grey.height; y++) {
            for (int x = 0; x < grey.width; x++) {
                assertThat(grey.get(x, y)).as("(%d, %d)", x, y).isEqualTo(raw.getSample(x, y, 0));
            }
        }
    }
}
