package org.testigo.scan;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.ConfigQrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.factory.filter.binary.ConfigThreshold;
import boofcv.factory.filter.binary.ThresholdType;
import boofcv.struct.image.GrayU8;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.multi.qrcode.detector.MultiDetector;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds every QR code in a picture by trying strategies in order, cheapest and most successful first,
 * until the codes found so far make a valid tally (the {@code done} test). A code that decodes but is
 * not a valid tally does not stop the search: the next strategy may find the rest of a multi-code acta.
 *
 * <p>A strategy is a decoder (BoofCV, or ZXing) applied to a view of the picture. Phone photos are large
 * and their QR modules many pixels wide, so the first views are the picture shrunk to about a megapixel
 * ({@code half}) and to about four ({@code work}); then our own module sampler on the codes BoofCV located
 * but could not read ({@code mesh}: {@link MeshSampler} follows curled and folded paper that one homography
 * cannot), full-resolution crops around those codes ({@code candidates}) and ZXing on the full picture
 * (small codes far away); then repaired views: unsharp masks (focus and motion blur), a denoise, local thresholding (shadows, glare),
 * contrast stretch (dim light), bicubic and bilinear enlargement (very low resolution), a 3 × 3 median
 * (JPEG blocks, night grain); in small pictures, BoofCV with finer thresholds on the denoised picture and on
 * it enlarged twice (heavy JPEG); last BoofCV on the full picture. Views are computed once, when first
 * needed. See {@link #STRATEGIES} for the order and why.
 *
 * <p>Thread-safe: detectors are per thread (BoofCV's hold per-image state).
 */
public final class QrCascade {
    /** Pictures longer than this are first searched shrunk by an integer factor to at most this side. */
    static final int WORK_SIDE = 2000;
    /** Pictures up to this long side get the repairs too costly for a 12 MP photo. */
    static final int SMALL_SIDE = 1600;
    /** At most this many located-but-unread codes are retried at full resolution. */
    static final int MAX_CANDIDATES = 6;
    /**
     * At most this many locations of codes are sampled by the mesh in a small picture, where the same code
     * located in another view counts again (see {@link Views#keep}): a dense Brazilian BU holds up to 7
     * codes, and a heavy-JPEG one can be located in a dozen views.
     */
    static final int MAX_LOCATIONS_SMALL = 24;
    /** A full-resolution crop around a candidate is shrunk to at most this side. */
    static final int CROP_SIDE = 1200;

    private final List<Strategy> strategies;

    public QrCascade() {
        this(STRATEGIES);
    }

    /** A cascade of other strategies: for tests that show what a strategy adds to the ones before it. */
    QrCascade(List<Strategy> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    public ScanResult scan(BufferedImage image, Predicate<List<String>> done) {
        long start = System.nanoTime();
        return scan(Gray.of(image), done, start);
    }

    /** @param start when the work on this picture began (System.nanoTime), for the times reported */
    public ScanResult scan(GrayU8 gray, Predicate<List<String>> done, long start) {
        Views views = new Views(GrayOps.compact(gray));
        Map<String, FoundCode> found = new LinkedHashMap<>();
        int tried = 0;
        String last = "none";
        for (Strategy strategy : strategies) {
            GrayU8 view = views.get(strategy.view());
            if (view == null) {
                continue;
            }
            tried++;
            last = strategy.name();
            List<String> texts = switch (strategy.view()) {
                case "candidates" -> views.readCandidates();
                case "mesh" -> views.readMesh();
                default -> strategy.decoder().read(view);
            };
            if (strategy.decoder() != Decoder.ZXING && !strategy.view().equals("candidates") && !strategy.view().equals("mesh")) {
                views.noteFailures(strategy.view(), strategy.decoder());
            }
            if (texts.isEmpty() && strategy.view().equals("denoise") && strategy.decoder() == Decoder.ZXING) {
                views.noteZxingLocated(view, "denoise");
            }
            for (String text : texts) {
                found.putIfAbsent(text, new FoundCode(text, strategy.name(), System.nanoTime() - start));
            }
            List<String> payloads = List.copyOf(found.keySet());
            if (!payloads.isEmpty() && done.test(payloads)) {
                break;
            }
        }
        return new ScanResult(new ArrayList<>(found.values()), last, tried, System.nanoTime() - start);
    }

    /** A code located but not decoded, in full-picture pixels, and the view it was located in. */
    record Located(LocatedCode code, String view) {
    }

    /** One way of reading codes: a decoder on a named view of the picture. */
    record Strategy(String view, Decoder decoder) {
        String name() {
            return decoder.displayName() + "@" + view;
        }
    }

    /**
     * The strategies in the order tried: cheapest and most successful first, because most pictures are
     * read by the first two or three and a witness's phone photo must cost a fraction of a second.
     * {@code half} is the picture at about 1000 px (BoofCV reads a phone photo's many-pixel modules there
     * in ~15 ms), {@code work} about 2000 px. Then {@code mesh}: the codes BoofCV located but could not
     * decode, sampled by {@link MeshSampler} (~15 ms for a Venezuelan code, ~70 for a dense Brazilian one;
     * it reads every curled or folded acta of the benchmark, and glare, very low resolution and heavy JPEG
     * codes BoofCV misread), before {@code candidates}, full-resolution crops around those codes, which cost more;
     * ZXing on the {@code full} picture (a small code far away: ~50 ms where BoofCV takes ~220); then the
     * repaired views; last BoofCV on the full picture, so that the cascade reads whatever BoofCV alone
     * reads. {@code mesh} comes again after ZXing on the denoised view (whose detector locates codes in
     * night grain that BoofCV's does not) and at the end, and {@code candidates} twice: the repaired views
     * locate more codes. Measured on the benchmark's 408 actas (docs/BENCHMARKS.md): BoofCV on
     * sharpened, stretched, denoised and rotated 2000 px views never read a code no earlier strategy had,
     * at ~100 ms each, so they are gone.
     *
     * <p>Just before the last {@code candidates} and {@code mesh}, three strategies for small pictures only
     * (at most {@link #SMALL_SIDE}, so a 12 MP photo never runs them): heavy JPEG (quality 5 to 9, modules of
     * 2.5 to 3.5 px) breaks the finder patterns' runs at the 8 × 8 block edges, and BoofCV's default
     * block min-max threshold locates nothing. The 3 × 3 mean of {@code denoise-small} smooths the block edges
     * away; a local mean over 15 px ({@code boofcv-mean15}) and Otsu per 15 px block ({@code boofcv-otsu})
     * follow module-sized detail the 25 px mean and the default blur over; {@code deblock} is that mean
     * enlarged twice (bicubic), so a finder's one-module runs are several pixels again, thresholded by a local
     * Gaussian over 15 px ({@code boofcv-gauss}). They mostly locate rather than read: the mesh then samples
     * the located codes. Each finds codes the others do not (the three benchmark images they read, and
     * a sweep of sizes, angles and blurs in HeavyJpegTest), ~20 ms, ~60 ms and ~150 ms on a 1600 px picture.
     */
    static final List<Strategy> STRATEGIES = List.of(
            new Strategy("half", Decoder.BOOFCV),
            new Strategy("work", Decoder.ZXING),
            new Strategy("work", Decoder.BOOFCV_MEAN),
            new Strategy("work", Decoder.BOOFCV),
            new Strategy("mesh", Decoder.MESH),
            new Strategy("candidates", Decoder.BOOFCV),
            new Strategy("full", Decoder.ZXING),
            new Strategy("half", Decoder.ZXING),
            new Strategy("half-sharpen", Decoder.BOOFCV),
            new Strategy("denoise", Decoder.ZXING),
            new Strategy("mesh", Decoder.MESH),
            new Strategy("sharpen", Decoder.ZXING),
            new Strategy("threshold", Decoder.BOOFCV),
            new Strategy("threshold", Decoder.ZXING),
            new Strategy("stretch", Decoder.ZXING),
            new Strategy("half-sharpen", Decoder.ZXING),
            new Strategy("bicubic", Decoder.BOOFCV_MEAN),
            new Strategy("bicubic", Decoder.ZXING),
            new Strategy("enlarge", Decoder.ZXING),
            new Strategy("enlarge", Decoder.BOOFCV),
            new Strategy("sharpen-strong", Decoder.ZXING),
            new Strategy("median", Decoder.BOOFCV),
            new Strategy("sharpen-small", Decoder.BOOFCV),
            new Strategy("half-motion", Decoder.BOOFCV),
            new Strategy("denoise-small", Decoder.BOOFCV_MEAN_FINE),
            new Strategy("denoise-small", Decoder.BOOFCV_OTSU),
            new Strategy("deblock", Decoder.BOOFCV_GAUSS),
            new Strategy("candidates", Decoder.BOOFCV),
            new Strategy("mesh", Decoder.MESH),
            new Strategy("full", Decoder.BOOFCV));

    /** The views of one picture, made on first use. {@code full} is never copied. */
    static final class Views {
        private final Map<String, GrayU8> made = new HashMap<>();
        private final GrayU8 full;
        /** Boxes in full-picture pixels {x0, y0, x1, y1} around what BoofCV located but could not decode. */
        private final List<int[]> failures = new ArrayList<>();
        /** How many of {@link #failures} {@link #readCandidates} has already tried. */
        private int candidatesRead;
        /** The codes BoofCV located but could not decode, for {@link #readMesh}. */
        private final List<Located> located = new ArrayList<>();
        /** How many of {@link #located} {@link #readMesh} has already tried. */
        private int meshRead;

        Views(GrayU8 full) {
            this.full = full;
        }

        /** The view, or null when it would repeat another (e.g. {@code full} of a picture not shrunk). */
        GrayU8 get(String name) {
            if (name.equals("candidates")) {
                return failures.size() > candidatesRead ? full : null; // depends on what ran before: never cached
            }
            if (name.equals("mesh")) {
                return located.size() > meshRead ? full : null;
            }
            if (made.containsKey(name)) {
                return made.get(name);
            }
            GrayU8 view = make(name);
            made.put(name, view);
            return view;
        }

        /** How many full-picture pixels one pixel of the view spans; 0 for views not aligned with it. */
        private double scale(String name) {
            GrayU8 work = work();
            double w = full.width / (double) work.width;
            return switch (name) {
                case "full" -> 1;
                case "work", "threshold", "stretch", "sharpen", "sharpen-strong", "denoise" -> w;
                case "half", "half-sharpen", "half-motion" -> 2 * w;
                case "enlarge", "bicubic", "bicubic-small" -> w / 2;
                case "median", "sharpen-small", "denoise-small" -> w;
                case "deblock" -> w / 2;
                default -> 0;
            };
        }

        /** Records the boxes of the codes the last BoofCV run on {@code view} found but could not read. */
        void noteFailures(String view, Decoder decoder) {
            double scale = scale(view);
            // A small picture's located codes are all kept for the mesh (see keep), however many boxes there are.
            if (scale == 0 || (failures.size() >= MAX_CANDIDATES && !small())) {
                return;
            }
            for (QrCode qr : decoder.detector().getFailures()) {
                noteLocated(qr, scale, view);
                double x0 = Double.MAX_VALUE;
                double y0 = Double.MAX_VALUE;
                double x1 = -Double.MAX_VALUE;
                double y1 = -Double.MAX_VALUE;
                for (int i = 0; i < qr.bounds.size(); i++) {
                    x0 = Math.min(x0, qr.bounds.get(i).x);
                    y0 = Math.min(y0, qr.bounds.get(i).y);
                    x1 = Math.max(x1, qr.bounds.get(i).x);
                    y1 = Math.max(y1, qr.bounds.get(i).y);
                }
                if (x1 <= x0 || y1 <= y0) {
                    continue;
                }
                // A margin of half the code's size each side: room for a quiet zone and a misjudged corner.
                double mx = (x1 - x0) / 2;
                double my = (y1 - y0) / 2;
                int[] box = {(int) Math.max(0, (x0 - mx) * scale), (int) Math.max(0, (y0 - my) * scale),
                        (int) Math.min(full.width, (x1 + mx) * scale), (int) Math.min(full.height, (y1 + my) * scale)};
                if (failures.size() < MAX_CANDIDATES && box[2] - box[0] >= 40 && box[3] - box[1] >= 40
                        && failures.stream().noneMatch(b -> overlapsMostly(b, box))) {
                    failures.add(box);
                }
                if (failures.size() >= MAX_CANDIDATES && !small()) {
                    return;
                }
            }
        }

        /**
         * Keeps the codes ZXing's detector locates in a view, for the mesh sampler. Only on the denoised
         * view: there night grain no longer breaks ZXing's finder search while BoofCV's still fails, and
         * one more detector run (~30 ms on 2000 px) is all it costs.
         */
        void noteZxingLocated(GrayU8 view, String name) {
            double scale = scale(name);
            if (scale == 0) {
                return;
            }
            GrayU8 g = GrayOps.compact(view);
            LuminanceSource source = new PlanarYUVLuminanceSource(g.data, g.width, g.height, 0, 0, g.width, g.height, false);
            Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            try {
                for (DetectorResult result : new MultiDetector(new HybridBinarizer(source).getBlackMatrix()).detectMulti(hints)) {
                    keep(LocatedCode.from(result, scale), name);
                }
            } catch (NotFoundException e) {
                // Nothing located: nothing to add.
            }
        }

        /** Keeps a code whose finder patterns and version BoofCV read, for the mesh sampler. */
        private void noteLocated(QrCode qr, double scale, String view) {
            if (qr.failureCause.ordinal() < QrCode.Failure.ALIGNMENT.ordinal()) {
                return;
            }
            keep(LocatedCode.from(qr, scale), view);
        }

        /**
         * Keeps a located code for the mesh sampler. In a small picture (modules of 2 to 3 pixels) the same code
         * located again in another view is kept too: its finder corners are off by a fraction of a module that
         * differs from view to view, and under heavy JPEG the mesh reads a code from one view's anchors and
         * not another's. In a large picture they are accurate to a small part of a module: a new location adds
         * nothing and would cost a 12 MP photo another mesh run.
         */
        void keep(LocatedCode code, String view) {
            if (code == null) {
                return;
            }
            boolean small = small();
            boolean again = small
                    ? located.stream().anyMatch(l -> l.view().equals(view) && l.code().sameAs(code))
                    : located.stream().anyMatch(l -> l.code().sameAs(code));
            if (!again && located.size() < (small ? MAX_LOCATIONS_SMALL : MAX_CANDIDATES)) {
                located.add(new Located(code, view));
            }
        }

        /**
         * The mesh sampler on each located but unread code: in the 2000 px view first (its modules a few
         * pixels, averaged already), then in the full picture, then in the repaired view it was located in
         * (the motion-sharpened one reads codes the others blur), last, in a small picture, in the picture
         * enlarged twice (bicubic): with modules of 2 to 3 pixels the sampler's average over a module's centre is
         * a pixel or two, and the interpolated picture gives it the sub-pixel positions (it reads heavy-JPEG codes
         * located by the earlier views that the picture itself does not).
         */
        List<String> readMesh() {
            List<String> out = new ArrayList<>();
            List<Located> fresh = List.copyOf(located.subList(meshRead, located.size()));
            meshRead = located.size();
            GrayU8 work = work();
            for (Located l : fresh) {
                String text = MeshSampler.read(work, l.code().scaled(work.width / (double) full.width));
                if (text == null && work != full) {
                    text = MeshSampler.read(full, l.code());
                }
                GrayU8 source = get(l.view());
                if (text == null && source != null && source != work && source != full) {
                    text = MeshSampler.read(source, l.code().scaled(source.width / (double) full.width));
                }
                GrayU8 enlarged = get("bicubic-small");
                if (text == null && enlarged != null && enlarged != source) {
                    text = MeshSampler.read(enlarged, l.code().scaled(enlarged.width / (double) full.width));
                }
                if (text != null) {
                    out.add(text);
                }
            }
            return out;
        }

        private static boolean overlapsMostly(int[] a, int[] b) {
            long ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
            long iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
            long areaB = (long) (b[2] - b[0]) * (b[3] - b[1]);
            return ix * iy * 10 >= areaB * 8;
        }

        /**
         * Both decoders on each full-resolution crop around a located but unread code, the crop brought
         * to at most {@link #CROP_SIDE} px; plain, then sharpened. Far cheaper than the whole 12 MP picture.
         */
        List<String> readCandidates() {
            List<String> out = new ArrayList<>();
            List<int[]> fresh = List.copyOf(failures.subList(candidatesRead, failures.size()));
            candidatesRead = failures.size();
            for (int[] b : fresh) {
                GrayU8 crop = GrayOps.compact(full.subimage(b[0], b[1], b[2], b[3], null));
                int side = Math.max(crop.width, crop.height);
                int factor = (side + CROP_SIDE - 1) / CROP_SIDE;
                GrayU8 view = factor <= 1 ? crop : GrayOps.shrink(crop, factor);
                for (GrayU8 v : List.of(view, GrayOps.sharpen(view, 2, 1.5))) {
                    List<String> texts = new ArrayList<>(Decoder.BOOFCV.read(v));
                    if (texts.isEmpty()) {
                        texts.addAll(Decoder.ZXING.read(v));
                    }
                    if (!texts.isEmpty()) {
                        out.addAll(texts);
                        break;
                    }
                }
            }
            return out;
        }

        private GrayU8 make(String name) {
            GrayU8 work = work();
            return switch (name) {
                case "full" -> work == full ? null : full;
                case "work" -> work;
                case "threshold" -> GrayOps.threshold(work, Math.max(8, Math.max(work.width, work.height) / 60));
                case "stretch" -> GrayOps.stretch(work);
                case "sharpen" -> GrayOps.sharpen(work, 2, 1.5);
                case "sharpen-strong" -> GrayOps.sharpen(work, 4, 3.0);
                case "half" -> Math.max(work.width, work.height) >= 800 ? GrayOps.shrink(work, 2) : null;
                case "half-sharpen" -> {
                    GrayU8 half = get("half");
                    yield half == null ? null : GrayOps.sharpen(half, 2, 2.0);
                }
                case "denoise" -> GrayOps.mean(work, 1);
                // Sharpened along the direction the picture is smeared in (motion blur), at 1000 px where a
                // phone photo's module is a few pixels and the blur about as long as the 5 averaged here.
                case "half-motion" -> {
                    GrayU8 half = get("half");
                    yield half == null ? null : MotionSharpen.along(half, MotionSharpen.blurDirection(half), 5, 2.0);
                }
                case "enlarge" -> Math.max(work.width, work.height) <= 1400 ? GrayOps.enlarge(work) : null;
                case "bicubic" -> Math.max(work.width, work.height) <= 1400 ? GrayOps.enlargeBicubic(work, 2) : null;
                case "median" -> GrayOps.median3(work);
                // BoofCV on a sharpened view: ~15 ms on a resent 1280 px picture (heavy JPEG), ~100 ms on
                // a 12 MP photo's 2000 px view, where it never read a code no other strategy had.
                case "sharpen-small" -> Math.max(work.width, work.height) <= SMALL_SIDE ? get("sharpen") : null;
                case "bicubic-small" -> {
                    if (Math.max(work.width, work.height) > SMALL_SIDE) {
                        yield null;
                    }
                    GrayU8 bicubic = get("bicubic");
                    yield bicubic != null ? bicubic : GrayOps.enlargeBicubic(work, 2);
                }
                case "denoise-small" -> Math.max(work.width, work.height) <= SMALL_SIDE ? get("denoise") : null;
                case "deblock" -> Math.max(work.width, work.height) <= SMALL_SIDE ? GrayOps.enlargeBicubic(get("denoise"), 2) : null;
                default -> throw new IllegalStateException("no view named " + name);
            };
        }

        /** Whether the picture is small enough for the repairs and retries too costly for a 12 MP photo. */
        private boolean small() {
            GrayU8 work = work();
            return Math.max(work.width, work.height) <= SMALL_SIDE;
        }

        private GrayU8 work() {
            GrayU8 work = made.get("work");
            if (work == null) {
                int side = Math.max(full.width, full.height);
                int factor = (side + WORK_SIDE - 1) / WORK_SIDE;
                work = factor <= 1 ? full : GrayOps.shrink(full, factor);
                made.put("work", work);
            }
            return work;
        }
    }

    /** A QR decoder of a grey picture: its texts, or none. */
    enum Decoder {
        /** BoofCV with its defaults: the best single decoder on photos. */
        BOOFCV("boofcv", boofcv(new ConfigQrCode().threshold)),
        /** BoofCV thresholding by local mean rather than block min-max: steadier under glare and shadow edges. */
        BOOFCV_MEAN("boofcv-mean", boofcv(ConfigThreshold.local(ThresholdType.LOCAL_MEAN, 25))),
        BOOFCV_MEAN_FINE("boofcv-mean15", boofcv(ConfigThreshold.local(ThresholdType.LOCAL_MEAN, 15))),
        BOOFCV_OTSU("boofcv-otsu", boofcv(ConfigThreshold.local(ThresholdType.BLOCK_OTSU, 15))),
        BOOFCV_GAUSS("boofcv-gauss", boofcv(ConfigThreshold.local(ThresholdType.LOCAL_GAUSSIAN, 15))),
        /** ZXing's multi-code reader, trying harder. */
        ZXING("zxing", QrCascade::zxing),
        /**
         * Our own module sampler ({@link MeshSampler}) on the codes BoofCV located but could not read; its
         * strategy reads {@link Views#readMesh}, never a view directly.
         */
        MESH("mesh", gray -> List.of());

        private final String name;
        private final Function<GrayU8, List<String>> reader;
        /** BoofCV's detectors, one per thread; null for the other decoders. */
        private final ThreadLocal<QrCodeDetector<GrayU8>> detectors;

        Decoder(String name, Function<GrayU8, List<String>> reader) {
            this.name = name;
            this.reader = reader;
            this.detectors = null;
        }

        Decoder(String name, ThreadLocal<QrCodeDetector<GrayU8>> detectors) {
            this.name = name;
            this.reader = d -> boof(d, detectors);
            this.detectors = detectors;
        }

        /** This thread's BoofCV detector, holding what its last run located. */
        QrCodeDetector<GrayU8> detector() {
            if (detectors == null) {
                throw new IllegalStateException(name + " is not a BoofCV decoder");
            }
            return detectors.get();
        }

        String displayName() {
            return name;
        }

        List<String> read(GrayU8 gray) {
            return reader.apply(gray);
        }
    }

    /** A BoofCV detector per thread (they hold per-image state), thresholding as given. */
    private static ThreadLocal<QrCodeDetector<GrayU8>> boofcv(ConfigThreshold threshold) {
        return ThreadLocal.withInitial(() -> {
            ConfigQrCode config = new ConfigQrCode();
            config.threshold = threshold;
            return FactoryFiducial.qrcode(config, GrayU8.class);
        });
    }

    private static List<String> boof(GrayU8 gray, ThreadLocal<QrCodeDetector<GrayU8>> detectors) {
        QrCodeDetector<GrayU8> detector = detectors.get();
        detector.process(gray);
        List<String> out = new ArrayList<>();
        for (QrCode qr : detector.getDetections()) {
            if (qr.message != null && !qr.message.isEmpty()) {
                out.add(qr.message);
            }
        }
        return out;
    }

    private static List<String> zxing(GrayU8 gray) {
        GrayU8 g = GrayOps.compact(gray);
        LuminanceSource source = new PlanarYUVLuminanceSource(g.data, g.width, g.height, 0, 0, g.width, g.height, false);
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

    /** BoofCV alone, with its defaults, on the whole picture: the single-decoder baseline. */
    public static List<String> boofcvAlone(GrayU8 gray) {
        return Decoder.BOOFCV.read(gray);
    }

    /** ZXing alone (multi-code reader, trying harder) on the whole picture: the single-decoder baseline. */
    public static List<String> zxingAlone(GrayU8 gray) {
        return Decoder.ZXING.read(gray);
    }
}
