package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an attacker or a broken phone sends. Each is refused with its reason code and a message naming
 * what is wrong, both by {@code inspect} (the request handler's cheap check) and by {@code load}.
 */
class HostileFilesTest {
    private final ImageLoader loader = new ImageLoader();

    private ImageRefusal refusedByLoad(byte[] bytes) {
        ImageRefusal r = catchThrowableOfType(ImageRefusal.class, () -> loader.load(bytes));
        assertThat(r).as("load refuses").isNotNull();
        return r;
    }

    private ImageRefusal refused(byte[] bytes) {
        ImageRefusal byInspect = catchThrowableOfType(ImageRefusal.class, () -> loader.inspect(bytes));
        assertThat(byInspect).as("inspect refuses").isNotNull();
        ImageRefusal byLoad = refusedByLoad(bytes);
        assertThat(byLoad.reason()).isEqualTo(byInspect.reason());
        return byLoad;
    }

    /** Bytes this thread allocated while running {@code work} (HotSpot's per-thread counter). */
    private static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** A plausible JPEG with texture, so that its entropy data is long and varied. */
    private static byte[] texturedJpeg() {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 320; x++) {
                img.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | random.nextInt(64));
            }
        }
        return Pictures.jpeg(img, 0.9f);
    }

    private static int sosAt(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                return i;
            }
        }
        throw new AssertionError("no SOS");
    }

    private static int sofAt(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
                return i;
            }
        }
        throw new AssertionError("no SOF0");
    }

    @Test
    void refusesADecompressionBombPngFromItsHeaderWithoutAllocatingThePixels() {
        // 30,000 × 30,000 8-bit grey would be 900 MB decoded; the file is a few KB.
        byte[] bomb = Pictures.concat(Pictures.PNG_SIGNATURE, Pictures.ihdr(30_000, 30_000, 8, 0),
                Pictures.pngChunk("IDAT", Pictures.zlibZeros(1 << 20)), Pictures.pngChunk("IEND", new byte[0]));
        assertThat(bomb.length).isLessThan(5_000);
        ImageRefusal[] refusal = new ImageRefusal[1];
        long allocated = allocatedBy(() -> refusal[0] = refused(bomb));
        assertThat(refusal[0].reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS);
        assertThat(refusal[0].code()).isEqualTo("too-many-pixels");
        assertThat(refusal[0].getMessage()).contains("30000 × 30000", "900.0 megapixels", "at most 50 megapixels");
        assertThat(allocated).as("bytes allocated to refuse the bomb").isLessThan(1_000_000);
    }

    @Test
    void refusesAJpegWhoseFrameHeaderClaimsEnormousDimensions() {
        byte[] jpeg = Pictures.jpeg(Pictures.filled(64, 64, BufferedImage.TYPE_INT_RGB, Color.GRAY), 0.9f);
        int sof = sofAt(jpeg);
        // SOF0: FF C0, length(2), precision(1), height(2), width(2)
        jpeg[sof + 5] = (byte) 0xfd;
        jpeg[sof + 6] = (byte) 0xe8;
        jpeg[sof + 7] = (byte) 0xfd;
        jpeg[sof + 8] = (byte) 0xe8;
        ImageRefusal r = refused(jpeg);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS);
        assertThat(r.getMessage()).contains("JPEG header", "65000 × 65000");
    }

    @Test
    void refusesAStripLongerThanTheLongestSideAllowedThoughItHasFewPixels() {
        byte[] jpeg = Pictures.jpeg(Pictures.filled(64, 64, BufferedImage.TYPE_INT_RGB, Color.GRAY), 0.9f);
        int sof = sofAt(jpeg);
        jpeg[sof + 5] = 0;
        jpeg[sof + 6] = 100; // height 100
        jpeg[sof + 7] = (byte) 0xea;
        jpeg[sof + 8] = 0x60; // width 60,000
        ImageRefusal r = refused(jpeg);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS);
        assertThat(r.getMessage()).contains("60000 × 100", "20000 pixels on a side");
    }

    @Test
    void refusesATiffWhoseDirectoryClaimsEnormousDimensions() {
        // A hand-made little-endian TIFF: 100,000 × 100,000 pixels, one strip of 8 bytes.
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        int[][] entries = {{256, 4, 1, 100_000}, {257, 4, 1, 100_000}, {258, 3, 1, 8}, {259, 3, 1, 1}, {262, 3, 1, 1},
            {273, 4, 1, 8 + 2 + 5 * 12 + 4 + 4}, {277, 3, 1, 1}, {279, 4, 1, 8}};
        out.write(entries.length);
        out.write(0);
        for (int[] e : entries) {
            out.write(e[0]);
            out.write(e[0] >> 8);
            out.write(e[1]);
            out.write(0);
            Pictures.writeIntLe(out, e[2]);
            Pictures.writeIntLe(out, e[3]);
        }
        Pictures.writeIntLe(out, 0);
        out.writeBytes(new byte[64]);
        ImageRefusal r = refused(out.toByteArray());
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS);
        assertThat(r.getMessage()).contains("TIFF header", "100000 × 100000");
    }

    @Test
    void refusesAWebpWhoseCanvasIsTooLarge() {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        Pictures.writeIntLe(out, 4 + 18 + 8 + 6);
        out.writeBytes("WEBPVP8X".getBytes(StandardCharsets.ISO_8859_1));
        Pictures.writeIntLe(out, 10);
        out.writeBytes(new byte[] {0, 0, 0, 0, (byte) 0xff, 0x3f, 0, (byte) 0xff, 0x3f, 0}); // 16384 × 16384
        out.writeBytes("VP8L".getBytes(StandardCharsets.ISO_8859_1));
        Pictures.writeIntLe(out, 5);
        out.writeBytes(new byte[] {0x2f, 0, 0, 0, 0, 0});
        ImageRefusal r = refused(out.toByteArray());
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_MANY_PIXELS);
        assertThat(r.getMessage()).contains("16384 × 16384");
    }

    @ParameterizedTest(name = "cut {0}")
    @CsvSource({"in the quantisation tables, 100", "at the start of the scan, sos", "inside the scan header, sos+6",
        "just after the scan header, sos+20", "at a quarter, 0.25", "in the middle, 0.5", "at three quarters, 0.75",
        "three bytes before the end, -3"})
    void refusesATruncatedJpegAsTruncated(String where, String at) {
        byte[] full = texturedJpeg();
        int sos = sosAt(full);
        int cut = switch (at) {
            case "sos" -> sos;
            case "sos+6" -> sos + 6;
            case "sos+20" -> sos + 20;
            case "-3" -> full.length - 3;
            default -> at.contains(".") ? (int) (full.length * Double.parseDouble(at)) : Integer.parseInt(at);
        };
        ImageRefusal r = refusedByLoad(Arrays.copyOf(full, cut));
        assertThat(r.reason()).as(r.getMessage()).isEqualTo(ImageRefusal.Reason.TRUNCATED);
        assertThat(r.code()).isEqualTo("truncated");
        assertThat(r.getMessage()).contains("JPEG", "truncated");
    }

    @Test
    void namesTheSegmentAJpegHeaderIsCutIn() {
        ImageRefusal r = refused(Arrays.copyOf(texturedJpeg(), 100));
        assertThat(r.getMessage()).contains("DQT segment");
    }

    @Test
    void acceptsAJpegMissingOnlyItsEndMarkerForEveryPixelArrived() throws Exception {
        byte[] full = texturedJpeg();
        LoadedImage whole = loader.load(full);
        LoadedImage cut = loader.load(Arrays.copyOf(full, full.length - 2));
        assertThat(Pixels.bytes(cut.pixels())).isEqualTo(Pixels.bytes(whole.pixels()));
    }

    @Test
    void refusesAJpegWithGarbageAfterItsHeaderAsCorrupt() {
        byte[] jpeg = texturedJpeg();
        Random random = new Random(3);
        for (int i = sosAt(jpeg) + 14; i < jpeg.length - 2; i++) {
            jpeg[i] = (byte) random.nextInt(255); // never 0xFF: no marker, just wrong entropy data
        }
        ImageRefusal r = refusedByLoad(jpeg);
        assertThat(r.reason()).as(r.getMessage()).isEqualTo(ImageRefusal.Reason.CORRUPT);
        assertThat(r.getMessage()).contains("JPEG image data is damaged", "Huffman");
    }

    @Test
    void refusesAJpegWithGarbageMarkersInItsDataAsCorrupt() {
        byte[] jpeg = texturedJpeg();
        Random random = new Random(5);
        for (int i = sosAt(jpeg) + 14; i < jpeg.length - 2; i++) {
            jpeg[i] = (byte) random.nextInt(256);
        }
        ImageRefusal r = refusedByLoad(jpeg);
        assertThat(r.reason()).as(r.getMessage()).isEqualTo(ImageRefusal.Reason.CORRUPT);
        assertThat(r.getMessage()).contains("JPEG image data");
    }

    @Test
    void refusesAJpegWhoseHeaderIsGarbage() {
        byte[] jpeg = texturedJpeg();
        int afterApp0 = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff)); // SOI, APP0 marker, APP0 length…
        jpeg[afterApp0] = 0x12;
        ImageRefusal r = refused(jpeg);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.CORRUPT);
        assertThat(r.getMessage()).contains("JPEG header is damaged", "expected a marker at byte " + afterApp0, "0x12");
    }

    @Test
    void refusesATruncatedPngNamingTheChunk() {
        byte[] png = Pictures.png(Pictures.filled(200, 200, BufferedImage.TYPE_INT_RGB, Color.ORANGE));
        ImageRefusal r = refused(Arrays.copyOf(png, png.length - 30));
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TRUNCATED);
        assertThat(r.getMessage()).contains("IDAT chunk", "truncated");
    }

    @Test
    void refusesAPngWhoseDataFailsItsChecksum() {
        byte[] png = Pictures.png(Pictures.filled(200, 200, BufferedImage.TYPE_INT_RGB, Color.ORANGE));
        png[png.length - 20] ^= 0x40; // inside IDAT
        ImageRefusal r = refused(png);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.CORRUPT);
        assertThat(r.getMessage()).contains("IDAT chunk", "CRC");
    }

    @Test
    void refusesATruncatedScannerTiffNamingTheStrip() {
        BufferedImage page = Pictures.filled(400, 600, BufferedImage.TYPE_BYTE_GRAY, Color.WHITE);
        byte[] tiff = Pictures.tiff(page, null);
        TiffDirectory ifd = catchless(() -> TiffDirectory.read(tiff, 0, tiff.length));
        long[] offsets = ifd.values(TiffDirectory.STRIP_OFFSETS);
        long[] counts = ifd.values(TiffDirectory.STRIP_BYTE_COUNTS);
        int last = offsets.length - 1;
        assertThat(offsets[0]).as("several strips").isLessThan(offsets[last]);
        ImageRefusal r = refused(Arrays.copyOf(tiff, (int) (offsets[last] + counts[last] / 2)));
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TRUNCATED);
        assertThat(r.getMessage()).contains("TIFF strip " + last + " of " + offsets.length, "truncated");
    }

    private static <T> T catchless(java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text | Número de mesa 12, votos 130 | plain text",
        "PDF | %PDF-1.7 1 0 obj << /Type /Catalog >> endobj | PDF document",
        "HTML | <!DOCTYPE html><html><body><img src=acta.jpg></body></html> | HTML page"})
    void refusesAFileThatIsNotAnImageSayingWhatItIs(String kind, String content, String named) {
        ImageRefusal r = refused(content.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.NOT_AN_IMAGE);
        assertThat(r.code()).isEqualTo("not-an-image");
        assertThat(r.getMessage()).contains("not a JPEG, PNG, WebP or TIFF", named);
    }

    @Test
    void refusesAZipArchiveSayingWhatItIs() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("acta.jpg"));
            zip.write(texturedJpeg());
        }
        ImageRefusal r = refused(bytes.toByteArray());
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.NOT_AN_IMAGE);
        assertThat(r.getMessage()).contains("ZIP archive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heic", "gif"})
    void refusesAnImageKindItDoesNotReadAskingForAJpeg(String kind) {
        byte[] bytes = kind.equals("heic")
                ? new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0}
                : "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        ImageRefusal r = refused(bytes);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.UNSUPPORTED_FORMAT);
        assertThat(r.getMessage()).containsIgnoringCase(kind).contains("send the photo as a JPEG");
    }

    @Test
    void refusesAnEmptyFile() {
        ImageRefusal r = refused(new byte[0]);
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.EMPTY);
        assertThat(r.getMessage()).contains("empty", "0 bytes");
    }

    @Test
    void refusesAFileLargerThanTheLimitBeforeLookingAtIt() {
        ImageLoader small = new ImageLoader(new ImageLimits(1_000, 50_000_000L, 20_000));
        ImageRefusal r = catchThrowableOfType(ImageRefusal.class, () -> small.inspect(new byte[1_001]));
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_LARGE);
        assertThat(r.getMessage()).contains("1001 bytes", "at most 1000");
    }

    @Test
    void refusesAOnePixelImageAsTooSmallToHoldACode() {
        ImageRefusal r = refused(Pictures.png(Pictures.filled(1, 1, BufferedImage.TYPE_INT_RGB, Color.WHITE)));
        assertThat(r.reason()).isEqualTo(ImageRefusal.Reason.TOO_SMALL);
        assertThat(r.code()).isEqualTo("too-small");
        assertThat(r.getMessage()).contains("1 × 1", "at least 21");
    }

    @Test
    void skipsAHugeCompressedProfileAndTextInAPngWithoutInflatingThem() throws Exception {
        // 256 MB of zeros behind each of an iCCP and a zTXt chunk (PNG spec 11.3.3.3, 11.3.4.4), plus 4 MB
        // of plain tEXt: a reader that expanded metadata would allocate half a gigabyte.
        byte[] bomb = Pictures.zlibZeros(256L << 20);
        byte[] iccp = Pictures.concat("icc\0\0".getBytes(StandardCharsets.ISO_8859_1), bomb);
        byte[] ztxt = Pictures.concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), bomb);
        byte[] text = Pictures.concat("Comment\0".getBytes(StandardCharsets.ISO_8859_1), new byte[4 << 20]);
        byte[] plain = Pictures.png(Pictures.filled(64, 48, BufferedImage.TYPE_INT_RGB, new Color(10, 120, 200)));
        byte[] png = Pictures.concat(Arrays.copyOf(plain, 33), Pictures.pngChunk("iCCP", iccp), Pictures.pngChunk("zTXt", ztxt),
                Pictures.pngChunk("tEXt", text), Arrays.copyOfRange(plain, 33, plain.length));
        LoadedImage[] loaded = new LoadedImage[1];
        long allocated = allocatedBy(() -> loaded[0] = catchless(() -> loader.load(png)));
        assertThat(loaded[0].pixels().getRGB(30, 20) & 0xffffff).isEqualTo(0x0a78c8);
        assertThat(allocated).as("bytes allocated to load it").isLessThan(32L << 20);
    }
}
