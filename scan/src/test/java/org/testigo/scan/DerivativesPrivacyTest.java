package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.JpegImageData;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3, point 4: what Testigo publishes of a witness's photo must not locate the witness. The photo
 * here carries what a phone and a messaging app write — EXIF with GPS, make, model and time, an EXIF
 * thumbnail, XMP, IPTC, a comment — and each derivative is checked three independent ways: its JPEG
 * segments walked by hand, metadata-extractor's reading, and a byte search for the secrets.
 */
class DerivativesPrivacyTest {
    private static final String[] SECRETS = {"WitnessPhoneCo", "WP-2024", "2024:07:28 19:45:12", "Maria Testigo", "Caracas",
        "Escuela Bolivar", "10.4806", "66.9036"};

    private static byte[] photo;
    private static List<byte[]> gpsRationals;
    private static Derivatives.Derived derived;

    /** Visual picture: white, red block top-left; stored sideways with orientation 6, as a phone held upright does. */
    @BeforeAll
    static void takeAPhoto() throws Exception {
        int w = 400;
        int h = 300;
        BufferedImage stored = Pictures.filled(h, w, BufferedImage.TYPE_INT_RGB, Color.WHITE);
        for (int sy = 0; sy < w; sy++) {
            for (int sx = 0; sx < h; sx++) {
                int vx = w - 1 - sy; // orientation 6: stored row 0 is the visual right column, column 0 the top row
                int vy = sx;
                if (vx < 100 && vy < 100) {
                    stored.setRGB(sx, sy, 0xff0000);
                }
            }
        }
        byte[] thumbnail = Pictures.jpeg(Pictures.filled(160, 120, BufferedImage.TYPE_INT_RGB, Color.RED), 0.8f);
        byte[] jpeg = Pictures.withExif(Pictures.jpeg(stored, 0.9f), set -> {
            TiffOutputDirectory root = set.getOrCreateRootDirectory();
            root.add(TiffTagConstants.TIFF_TAG_MAKE, "WitnessPhoneCo");
            root.add(TiffTagConstants.TIFF_TAG_MODEL, "WP-2024");
            root.add(TiffTagConstants.TIFF_TAG_DATE_TIME, "2024:07:28 19:45:12");
            root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
            set.setGpsInDegrees(-66.9036, 10.4806);
            TiffOutputDirectory ifd1 = new TiffOutputDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_DIR_1, set.byteOrder);
            ifd1.setJpegImageData(new JpegImageData(0, thumbnail.length, thumbnail));
            set.addDirectory(ifd1);
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JpegXmpRewriter().updateXmpXml(jpeg, out, "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf="
                + "'http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description xmlns:exif='http://ns.adobe.com/exif/1.0/' "
                + "xmlns:dc='http://purl.org/dc/elements/1.1/' exif:GPSLatitude='10.4806N' exif:GPSLongitude='66.9036W' "
                + "dc:creator='Maria Testigo'/></rdf:RDF></x:xmpmeta>");
        jpeg = out.toByteArray();
        out = new ByteArrayOutputStream();
        new JpegIptcRewriter().writeIptc(jpeg, out, new PhotoshopApp13Data(
                List.of(new IptcRecord(IptcTypes.CITY, "Caracas"), new IptcRecord(IptcTypes.BYLINE, "Maria Testigo")), List.of()));
        jpeg = out.toByteArray();
        byte[] comment = "Escuela Bolivar, mesa 1".getBytes(StandardCharsets.US_ASCII);
        byte[] com = Pictures.concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) (comment.length + 2)}, comment);
        photo = Pictures.concat(new byte[] {(byte) 0xff, (byte) 0xd8}, com, java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));

        // The test's premise: the photo really carries all of it.
        Metadata m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
        GpsDirectory gps = m.getFirstDirectoryOfType(GpsDirectory.class);
        assertThat(gps).isNotNull();
        assertThat(gps.getGeoLocation().getLatitude()).isCloseTo(10.4806, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(m.getFirstDirectoryOfType(XmpDirectory.class)).isNotNull();
        assertThat(m.getFirstDirectoryOfType(IptcDirectory.class)).isNotNull();
        assertThat(m.getFirstDirectoryOfType(com.drew.metadata.exif.ExifThumbnailDirectory.class)).as("EXIF thumbnail").isNotNull();
        assertThat(segments(photo)).contains("APP1", "APP13", "COM");
        assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains(SECRETS);
        gpsRationals = new ArrayList<>();
        for (int tag : new int[] {GpsDirectory.TAG_LATITUDE, GpsDirectory.TAG_LONGITUDE}) {
            for (Rational r : gps.getRationalArray(tag)) {
                gpsRationals.add(rationalBytes(r, true));
                gpsRationals.add(rationalBytes(r, false));
            }
        }
        assertThat(gpsRationals.stream().filter(b -> indexOf(photo, b) >= 0)).as("GPS bytes present in the photo").isNotEmpty();

        derived = Derivatives.of(new ImageLoader().load(photo));
    }

    private static byte[] pick(String which) {
        return which.equals("web") ? derived.web() : derived.thumbnail();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "thumbnail"})
    void keepsNoSegmentButTheImageAndAPlainJfifHeader(String which) {
        byte[] jpeg = pick(which);
        List<String> segments = segments(jpeg);
        assertThat(segments).contains("SOF0", "SOS").allMatch(s -> List.of("APP0", "DQT", "SOF0", "DHT", "SOS", "DRI").contains(s));
        // If there is an APP0, it is a bare JFIF header: 16 bytes, no JFIF thumbnail.
        if (segments.contains("APP0")) {
            assertThat(jpeg[4] << 8 | jpeg[5]).isEqualTo(16);
            assertThat(new String(jpeg, 6, 5, StandardCharsets.US_ASCII)).isEqualTo("JFIF\0");
            assertThat(jpeg[18]).as("JFIF thumbnail width").isZero();
            assertThat(jpeg[19]).as("JFIF thumbnail height").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "thumbnail"})
    void metadataExtractorFindsNoGpsExifXmpOrIptc(String which) throws Exception {
        Metadata m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(pick(which)));
        assertThat(m.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(m.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        assertThat(m.getFirstDirectoryOfType(XmpDirectory.class)).isNull();
        assertThat(m.getFirstDirectoryOfType(IptcDirectory.class)).isNull();
        for (Directory d : m.getDirectories()) {
            assertThat(d.getName()).isIn("JPEG", "JFIF", "Huffman", "File Type");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "thumbnail"})
    void carriesNoneOfTheSecretsNorTheGpsBytes(String which) {
        byte[] jpeg = pick(which);
        String latin1 = new String(jpeg, StandardCharsets.ISO_8859_1);
        for (String secret : SECRETS) {
            assertThat(latin1).doesNotContain(secret);
        }
        for (byte[] rational : gpsRationals) {
            assertThat(indexOf(jpeg, rational)).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "thumbnail"})
    void isUprightForTheOrientationTagIsGone(String which) throws Exception {
        BufferedImage img = javax.imageio.ImageIO.read(new ByteArrayInputStream(pick(which)));
        assertThat(img.getWidth()).isGreaterThan(img.getHeight());
        assertThat(Pictures.near(img.getRGB(img.getWidth() / 16, img.getHeight() / 12), Color.RED, 40)).as("red top-left").isTrue();
        assertThat(Pictures.near(img.getRGB(img.getWidth() - 5, img.getHeight() / 12), Color.WHITE, 40)).as("white top-right").isTrue();
        assertThat(Pictures.near(img.getRGB(img.getWidth() / 16, img.getHeight() - 5), Color.WHITE, 40)).as("white bottom-left").isTrue();
    }

    /** The marker segments from SOI to the first SOS, walked by hand (ITU-T T.81 annex B). */
    static List<String> segments(byte[] jpeg) {
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
        List<String> out = new ArrayList<>();
        int at = 2;
        while (true) {
            assertThat(jpeg[at] & 0xff).as("marker at %d", at).isEqualTo(0xff);
            int marker = jpeg[at + 1] & 0xff;
            out.add(JpegStructure.name(marker));
            if (marker == 0xda) {
                return out;
            }
            at += 2 + ((jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff));
        }
    }

    private static byte[] rationalBytes(Rational r, boolean bigEndian) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) r.getNumerator()).putInt((int) r.getDenominator());
        return b.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
