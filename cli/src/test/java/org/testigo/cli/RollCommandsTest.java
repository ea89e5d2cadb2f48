package org.testigo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.roll.NationalId;
import org.testigo.roll.RollIndex;

/** The roll from `election synth --roll` to the data directory, through `election load`. */
class RollCommandsTest {
    @TempDir
    Path dir;

    @Test
    void loadCompilesThePackagesRollIntoTheDataDirectoryAndRefusesABrokenOne() throws Exception {
        Path pkg = dir.resolve("pkg");
        Path data = dir.resolve("data");
        InProcess.Run synth = InProcess.run("election", "synth", "--tables", "20", "--seed", "3", "--roll", "--out", pkg.toString());
        assertThat(synth.code()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("Wrote the voter roll");
        List<String> lines = Files.readAllLines(pkg.resolve("voters/roll.csv"));
        String[] voter = lines.get(5).split(",");

        InProcess.Run load = InProcess.run("election", "load", pkg.toString(), "--data", data.toString());
        assertThat(load.code()).as(load.err()).isZero();
        assertThat(load.out()).contains("Compiled the voter roll: " + String.format("%,d", lines.size() - 1) + " voters");
        RollIndex kept = RollIndex.read(data.resolve("roll/roll.index"));
        assertThat(kept.lookup(NationalId.parse(voter[0]).orElseThrow()).orElseThrow().value()).isEqualTo(voter[1]);

        Files.writeString(pkg.resolve("voters/roll.csv"), lines.get(1) + "\n", StandardOpenOption.APPEND);
        InProcess.Run broken = InProcess.run("election", "load", pkg.toString(), "--data", data.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("voters/roll.csv line " + (lines.size() + 1)
                + ", field national_id: this national id is already listed on line 2").doesNotContain(lines.get(1).split(",")[0] + ",");

        Files.delete(pkg.resolve("voters/roll.csv"));
        InProcess.Run without = InProcess.run("election", "load", pkg.toString(), "--data", data.toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(data.resolve("roll/roll.index")).doesNotExist();
    }
}
