package org.testigo.roll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.testing.TinyElection;

/** The mirror's shards: a voter is found under the hash the docs define, and no file holds an id in clear. */
class RollShardsTest {
    @TempDir
    Path dir;

    @Test
    void writesEachVoterUnderTheHashOfElectionAndIdAndNoIdInClear() throws Exception {
        Files.createDirectories(dir.resolve("pkg/voters"));
        Files.writeString(dir.resolve("pkg/voters/roll.csv"), "national_id,table_id\n12345678,N.1\n5,S.1\nV998,N.2\n");
        RollIndex roll = RollFile.compile(dir.resolve("pkg"), TinyElection.election()).orElseThrow();
        Path out = dir.resolve("mirror/roll");
        RollShards.write(roll, out);

        // The key as docs/election-package.md §7 defines it, computed here from the definition.
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("tiny\n12345678".getBytes(StandardCharsets.UTF_8));
        String key = HexFormat.of().formatHex(digest, 0, 8);
        assertThat(RollShards.key("tiny", NationalId.parse("12.345.678").orElseThrow())).isEqualTo(key);
        assertThat(Files.readString(out.resolve("roll.json"))).isEqualTo(
                "{\"format\":\"testigo-roll-shards/1\",\"election\":\"tiny\",\"hash\":\"SHA-256\",\"prefix_hex\":1,\"voters\":3}\n");
        assertThat(Files.readAllLines(out.resolve(key.substring(0, 1) + ".txt"))).contains(key.substring(1) + " N.1");
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.toList();
        }
        assertThat(files).hasSize(17);
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(text).doesNotContain("12345678").doesNotContain("V998");
        }
    }

    @Test
    void growsTheShardNameWithTheRoll() {
        assertThat(RollShards.prefixDigits(3)).isEqualTo(1);
        assertThat(RollShards.prefixDigits(16 * 512)).isEqualTo(1);
        assertThat(RollShards.prefixDigits(16 * 512 + 1)).isEqualTo(2);
        assertThat(RollShards.prefixDigits(21_620_705)).isEqualTo(4); // 330 voters a shard
    }
}
