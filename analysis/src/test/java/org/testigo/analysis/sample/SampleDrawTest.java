package org.testigo.analysis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.testigo.election.Election;
import org.testigo.election.Geography;
import org.testigo.election.TableId;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.testing.SharedData;

class SampleDrawTest {
    private static final Election SYNTH = SyntheticElection.generate(SynthSpec.of(600, 7)).election();

    @Test
    void theCommitmentIsTheSha256OfTheDocumentAsSpecified() {
        // printf 'testigo-sample v1\nelection e1\nstrata nation\nsize 2\nseed s\na.01\nb.02\n' | sha256sum
        Sample s = new Sample("e1", "nation", 2, "s", List.of(new TableId("b.02"), new TableId("a.01")));
        assertThat(new String(s.document(), StandardCharsets.UTF_8))
                .isEqualTo("testigo-sample v1\nelection e1\nstrata nation\nsize 2\nseed s\na.01\nb.02\n");
        assertThat(s.commitment()).isEqualTo("1447dea2a9fb2511e693779fc35f36d8110f725df09d4e5ac89140bc191b11d7");
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        Sample a = SampleDraw.draw(SYNTH, 50, null, "semilla de prueba 1");
        Sample b = SampleDraw.draw(SYNTH, 50, null, "semilla de prueba 1");
        Sample c = SampleDraw.draw(SYNTH, 50, null, "semilla de prueba 2");
        assertThat(b.tables()).isEqualTo(a.tables());
        assertThat(b.commitment()).isEqualTo(a.commitment());
        assertThat(c.tables()).isNotEqualTo(a.tables());
        assertThat(c.commitment()).isNotEqualTo(a.commitment());
    }

    @Test
    void anyoneCanRedrawTheSampleWithPlainSha256() throws Exception {
        String seed = "anyone can check";
        Sample drawn = SampleDraw.draw(SYNTH, 60, null, seed);
        // Redo the documented rule here: strata are top-level places; allocation by largest remainder
        // (checked on its own in AllocationTest); within a stratum, ascending SHA-256(seed ‖ LF ‖ id).
        Geography geo = SYNTH.geography();
        Map<String, List<TableId>> byState = new TreeMap<>();
        for (int t = 0; t < geo.tableCount(); t++) {
            String state = geo.code(geo.path(geo.tableNode(t)).get(0));
            byState.computeIfAbsent(state, k -> new ArrayList<>()).add(geo.table(t).id());
        }
        long[] populations = byState.values().stream().mapToLong(List::size).toArray();
        int[] allocation = Allocation.largestRemainder(populations, 60);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<TableId> expected = new ArrayList<>();
        int h = 0;
        for (List<TableId> tables : byState.values()) {
            List<TableId> ordered = new ArrayList<>(tables);
            ordered.sort((x, y) -> Arrays.compareUnsigned(
                    sha.digest((seed + "\n" + x.value()).getBytes(StandardCharsets.UTF_8)),
                    sha.digest((seed + "\n" + y.value()).getBytes(StandardCharsets.UTF_8))));
            expected.addAll(ordered.subList(0, allocation[h++]));
        }
        expected.sort(null);
        assertThat(drawn.tables()).isEqualTo(expected);
        StringBuilder doc = new StringBuilder("testigo-sample v1\nelection " + SYNTH.id() + "\nstrata " + SYNTH.levels().get(0)
                + "\nsize 60\nseed " + seed + "\n");
        expected.forEach(t -> doc.append(t.value()).append('\n'));
        assertThat(drawn.commitment()).isEqualTo(HexFormat.of().formatHex(sha.digest(doc.toString().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aRevealedDocumentReadsBackAndAnAlteredOneIsRefused() {
        Sample s = SampleDraw.draw(SYNTH, 20, "nation", "read me back");
        assertThat(Sample.parse(s.document())).isEqualTo(s);
        String text = new String(s.document(), StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        String swapped = text.replace(lines[5] + "\n" + lines[6] + "\n", lines[6] + "\n" + lines[5] + "\n");
        assertThatThrownBy(() -> Sample.parse(swapped.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not in canonical form");
        assertThatThrownBy(() -> Sample.parse(text.replace("size 20", "size 020").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("line 4");
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        assertThatThrownBy(() -> SampleDraw.draw(SYNTH, 0, null, "x")).hasMessageStartingWith("size must be between 1 and the 600");
        assertThatThrownBy(() -> SampleDraw.draw(SYNTH, 10, "provincia", "x")).hasMessageStartingWith("strata must be one of");
        assertThatThrownBy(() -> SampleDraw.draw(SYNTH, 10, null, "two\nlines")).hasMessageStartingWith("seed must not contain control");
        assertThatThrownBy(() -> SampleDraw.draw(SYNTH, 10, null, "")).hasMessageStartingWith("seed must be 1-256");
    }

    @Test
    void drawsAThousandRealTablesProportionallyFromEveryState() throws Exception {
        Election v1 = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V1.csv")).election();
        Sample s = SampleDraw.draw(v1, 1000, "estado", "2024-07-28 muestra");
        Strata strata = Strata.of(v1, "estado");
        long[] populations = strata.populations();
        int[] drawn = new int[strata.count()];
        for (TableId t : s.tables()) {
            drawn[strata.of(v1.geography().tableIndex(t).orElseThrow())]++;
        }
        assertThat(s.tables()).hasSize(1000);
        for (int h = 0; h < strata.count(); h++) {
            double quota = 1000.0 * populations[h] / 24_532;
            assertThat(drawn[h]).as("state " + strata.codes().get(h)).isGreaterThanOrEqualTo(1)
                    .isBetween((int) Math.floor(quota) - 1, (int) Math.ceil(quota) + 1);
        }
    }
}
