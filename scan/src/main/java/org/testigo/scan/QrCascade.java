package org.testigo.scan;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.ConfigQrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds every QR code in a picture by trying strategies in order, cheapest and most successful first,
 * until the codes found so far make a valid tally (the {@code done} test). A code that decodes but is
 * not a valid tally does not stop the search: the next strategy may find the rest of a multi-code acta.
 *
 * <p>Thread-safe: each call builds its own detectors (BoofCV's hold per-image state).
 */
public final class QrCascade {

    public ScanResult scan(BufferedImage image, Predicate<List<String>> done) {
        long start = System.nanoTime();
        GrayU8 gray = Gray.of(image);
        Map<String, FoundCode> found = new LinkedHashMap<>();
        int tried = 0;
        String last = "none";
        for (Strategy strategy : strategies()) {
            tried++;
            last = strategy.name();
            for (String text : strategy.read(gray)) {
                found.putIfAbsent(text, new FoundCode(text, strategy.name()));
            }
            List<String> payloads = List.copyOf(found.keySet());
            if (!payloads.isEmpty() && done.test(payloads)) {
                break;
            }
        }
        return new ScanResult(new ArrayList<>(found.values()), last, tried, System.nanoTime() - start);
    }

    /** One way of reading codes from a grey picture. */
    interface Strategy {
        String name();

        List<String> read(GrayU8 gray);
    }

    static List<Strategy> strategies() {
        return List.of(new BoofCv(), new Zxing());
    }

    static final class BoofCv implements Strategy {
        @Override
        public String name() {
            return "boofcv";
        }

        @Override
        public List<String> read(GrayU8 gray) {
            QrCodeDetector<GrayU8> detector = FactoryFiducial.qrcode(new ConfigQrCode(), GrayU8.class);
            detector.process(gray);
            List<String> out = new ArrayList<>();
            for (QrCode qr : detector.getDetections()) {
                if (qr.message != null) {
                    out.add(qr.message);
                }
            }
            return out;
        }
    }

    static final class Zxing implements Strategy {
        @Override
        public String name() {
            return "zxing";
        }

        @Override
        public List<String> read(GrayU8 gray) {
            LuminanceSource source = new PlanarYUVLuminanceSource(gray.data, gray.width, gray.height, 0, 0, gray.width, gray.height, false);
            Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            try {
                Result[] results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), hints);
                List<String> out = new ArrayList<>();
                for (Result r : results) {
                    out.add(r.getText());
                }
                return out;
            } catch (NotFoundException e) {
                return List.of();
            }
        }
    }
}
