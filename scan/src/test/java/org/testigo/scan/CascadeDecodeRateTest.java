package org.testigo.scan;

import static org.assertj.core.api.Assertions.assertThat;

import boofcv.struct.image.GrayU8;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testigo.scan.synth.ActaGenerator;
import org.testigo.scan.synth.Category;
import org.testigo.scan.synth.SyntheticActa;
import org.testigo.tally.Decoding;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.TallyFormats;
import org.testigo.tally.brbu.BrBuReader;
import org.testigo.tally.brbu.BrBuReading;

/**
 * Decode rates on synthetic actas, per degradation category: the cascade against BoofCV and ZXing
 * alone. Photos are 2 MP here (the 12 MP run is the benchmark); an image counts as read only when every
 * QR text printed on it came back. Two seeds, so no threshold rests on one lucky draw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CascadeDecodeRateTest {
    private static final int PER_SEED = 6;
    private static final long[] SEEDS = {11, 23};

    private record Row(boolean cascade, boolean boofcv, boolean zxing) {
    }

    private final Map<Category, List<Row>> rows = new EnumMap<>(Category.class);

    @BeforeAll
    void readEverything() {
        ImageLoader loader = new ImageLoader();
        QrCascade cascade = new QrCascade();
        TallyFormat ve = TallyFormats.installed().byId("ve-2024").orElseThrow();
        BrBuReader br = BrBuReader.withPinnedKeys();
        for (long seed : SEEDS) {
            ActaGenerator generator = new ActaGenerator(seed, 1600);
            for (Category category : Category.values()) {
                List<Row> read = IntStream.range(0, PER_SEED).parallel().mapToObj(i -> {
                    SyntheticActa acta = generator.generate(category, i);
                    LoadedImage image;
                    try {
                        image = loader.load(acta.bytes());
                    } catch (ImageRefusal refusal) {
                        throw new AssertionError("a generated acta was refused: " + refusal.getMessage(), refusal);
                    }
                    GrayU8 gray = Gray.of(image.pixels());
                    Predicate<List<String>> valid = acta.format().equals("br-bu")
                            ? p -> br.read(p) instanceof BrBuReading.Read
                            : p -> ve.decode(p, ve.defaultContext().orElseThrow()) instanceof Decoding.Decoded;
                    return new Row(acta.readBy(cascade.scan(image.pixels(), valid).payloads()),
                            acta.readBy(QrCascade.boofcvAlone(gray)), acta.readBy(QrCascade.zxingAlone(gray)));
                }).toList();
                rows.computeIfAbsent(category, k -> new ArrayList<>()).addAll(read);
            }
        }
    }

    private double rate(Category category, java.util.function.Function<Row, Boolean> who) {
        List<Row> r = rows.get(category);
        return r.stream().filter(who::apply).count() / (double) r.size();
    }

    @ParameterizedTest
    @EnumSource(value = Category.class, names = {"CLEAN_SCAN", "SKEWED_SCAN", "PHONE_PHOTO", "MESSAGING_APP", "DIM_NOISY", "BLUR",
            "SMALL_QR", "ROTATED"})
    void readsNineInTenOfEveryOrdinaryCategory(Category category) {
        assertThat(rate(category, Row::cascade)).as(category.label()).isGreaterThanOrEqualTo(0.9);
    }

    @ParameterizedTest
    @EnumSource(Category.class)
    void readsAtLeastWhatEitherDecoderAloneReads(Category category) {
        for (Row row : rows.get(category)) {
            // Per image, not per rate: the cascade runs both decoders on the whole picture among its strategies.
            if (row.boofcv() || row.zxing()) {
                assertThat(row.cascade()).as(category.label() + ": read by a single decoder but not by the cascade").isTrue();
            }
        }
    }

    @Test
    void readsMoreOfTheHardTierThanEitherDecoderAlone() {
        List<Row> hard = rows.entrySet().stream().filter(e -> e.getKey().hard()).flatMap(e -> e.getValue().stream()).toList();
        long cascade = hard.stream().filter(Row::cascade).count();
        long boofcv = hard.stream().filter(Row::boofcv).count();
        long zxing = hard.stream().filter(Row::zxing).count();
        assertThat(cascade).isGreaterThan(Math.max(boofcv, zxing) + hard.size() / 10);
        // The single decoders mostly fail the hard tier: that is what makes it the hard tier.
        assertThat(Math.max(boofcv, zxing)).isLessThan(hard.size() * 6 / 10);
    }

    @Test
    void readsCurledAndFoldedPaperThatNeitherDecoderAloneReads() {
        // The mesh sampler (MeshSampler) reads all 24 of the 12 MP benchmark and all 12 here, where BoofCV and
        // ZXing alone read 7 each; four in five leaves room for a harder draw.
        assertThat(rate(Category.HARD_CURLED, Row::cascade)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void readsFourInFiveHeavilyCompressedResends() {
        // 11 of these 12 heavy-JPEG resends (quality 5 to 9, modules of 2.5 to 3.5 px) are read, 9 before BoofCV's finer
        // thresholds on the denoised and enlarged small picture and the mesh's resampling of every view's location;
        // 23 of 24 in the benchmark. Four in five (10 of 12) leaves a harder draw one image of room.
        assertThat(rate(Category.HARD_JPEG, Row::cascade)).isGreaterThanOrEqualTo(0.8);
    }

    /** Issue 3's bar. At these 1600 px sizes the cascade reads 93 of 108 (86.1%); motion blur and night are the gaps. */
    @Test
    void readsFourInFiveOfTheHardTier() {
        List<Row> hard = rows.entrySet().stream().filter(e -> e.getKey().hard()).flatMap(e -> e.getValue().stream()).toList();
        // Four in five, rounded up: 80% of 108 images is 86.4, so 87.
        assertThat(hard.stream().filter(Row::cascade).count() * 10).isGreaterThanOrEqualTo(hard.size() * 8L);
    }
}
