package org.testigo.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.election.PollingTable;
import org.testigo.roll.NationalId;
import org.testigo.roll.RollFile;
import org.testigo.roll.RollIndex;

class SyntheticRollTest {
    @TempDir
    Path dir;

    @Test
    void givesEveryRegisteredVoterOneUniqueIdAndFindsThemAtTheirTable() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(40, 7));
        SyntheticRoll roll = SyntheticRoll.of(synth);
        long registered = synth.election().geography().tables().stream().mapToLong(PollingTable::registered).sum();
        assertThat(roll.voters()).isEqualTo(registered).isEqualTo(synth.election().expectedElectorate());
        roll.write(synth, dir);
        List<String> lines = Files.readAllLines(dir.resolve("voters/roll.csv"));
        assertThat(lines.get(0)).isEqualTo("national_id,table_id");
        assertThat(lines).hasSize((int) registered + 1);
        Set<String> ids = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String id = line.substring(0, line.indexOf(','));
            assertThat(ids.add(id)).as("unique").isTrue();
            assertThat(Long.parseLong(id)).isBetween(1L, registered + (registered + 1) / 2);
        }
        // table by table: the first table's voters come first
        PollingTable first = synth.election().geography().table(0);
        assertThat(lines.subList(1, 1 + first.registered())).allSatisfy(l -> assertThat(l).endsWith("," + first.id().value()));

        RollIndex index = RollFile.compile(dir, synth.election()).orElseThrow();
        assertThat(index.size()).isEqualTo(registered);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(index.lookup(NationalId.parse(f[0]).orElseThrow()).orElseThrow().value()).isEqualTo(f[1]);
        }
    }

    @Test
    void isTheSameForTheSameSeedAndDiffersForAnother() {
        SyntheticRoll a = SyntheticRoll.of(SyntheticElection.generate(SynthSpec.of(10, 1)));
        SyntheticRoll b = SyntheticRoll.of(SyntheticElection.generate(SynthSpec.of(10, 1)));
        SyntheticRoll c = SyntheticRoll.of(SyntheticElection.generate(SynthSpec.of(10, 2)));
        int same = 0;
        for (int v = 0; v < 100; v++) {
            assertThat(a.nationalId(v)).isEqualTo(b.nationalId(v));
            same += a.nationalId(v) == c.nationalId(v) ? 1 : 0;
        }
        assertThat(same).isLessThan(5);
    }
}
