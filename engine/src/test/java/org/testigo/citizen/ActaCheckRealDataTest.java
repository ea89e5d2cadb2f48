package org.testigo.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testigo.citizen.ActaCheckResult.Difference;
import org.testigo.citizen.ActaCheckResult.Outcome;
import org.testigo.consolidation.TableConsolidation;
import org.testigo.consolidation.TableStatus;
import org.testigo.deployment.Deployment;
import org.testigo.election.TableId;
import org.testigo.resultados.ImportedRow;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.ResultadosImport;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.StoredEvidence;
import org.testigo.store.TestPostgres;
import org.testigo.tally.Verification;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.testing.SharedData;

/**
 * "Verify my acta" against the real published results of Venezuela 2024 (the V2 dataset, imported as
 * the CLI imports it), with real acta QR texts collected by others (qr_payload_examples.csv, whose
 * {@code matches_V2_row} column says which agree with V2, and which give every candidate's votes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActaCheckRealDataTest {
    private Deployment deployment;
    private ActaCheck check;
    private final List<Example> examples = new ArrayList<>();
    /** Position on the acta → candidate code, from qr_ballot_positions_2024.csv. */
    private final Map<Integer, String> candidateAt = new HashMap<>();

    record Example(String payload, boolean matchesV2, Map<String, Integer> votes) {
        TableId table() {
            String[] id = payload.substring(0, payload.indexOf('!')).split("\\.");
            return new TableId(id[0] + "." + id[1]);
        }
    }

    @BeforeAll
    void importV2() throws Exception {
        ResultadosImport imported = ResultadosCsv.read(SharedData.file("resultadosconvzla_RESULTADOS_2024_CSV_V2.csv"));
        deployment = Deployment.open(Database.open(TestPostgres.freshDatabase()), Clock.systemUTC());
        deployment.load(imported.election());
        String header = String.join(",", imported.variant().header());
        Verification v = Verification.notVerifiable("the V2 dataset", List.of());
        List<EvidenceDraft> drafts = new ArrayList<>();
        for (ImportedRow row : imported.rows()) {
            drafts.add(new EvidenceDraft(Channel.IMPORT, "importer", ResultadosCsv.TALLY_FORMAT, "text/csv; charset=utf-8",
                    (header + "\n" + row.rawLine()).getBytes(StandardCharsets.UTF_8), row.tally(), v, deployment.clock().instant()));
        }
        deployment.importEvidence(drafts);
        check = new ActaCheck(deployment);

        List<String> lines = Files.readAllLines(SharedData.file("qr_payload_examples.csv"), StandardCharsets.UTF_8);
        List<String> columns = List.of(lines.get(0).split(","));
        Pattern row = Pattern.compile("^\"([^\"]*)\",(.*)$");
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                continue;
            }
            // The "where_found" column may hold commas only inside quotes; the numeric columns follow it.
            String rest = m.group(2);
            String[] tail = rest.substring(rest.indexOf(',', rest.lastIndexOf('@'))).split(",");
            // tail: "", centro, mesa, valid_sum, null, field4, NM..BERA, matches_V2_row, V2_URL
            Map<String, Integer> votes = new HashMap<>();
            int first = columns.indexOf("NM");
            for (int c = first; c < columns.indexOf("matches_V2_row"); c++) {
                votes.put(columns.get(c), Integer.parseInt(tail[c - 1]));
            }
            examples.add(new Example(m.group(1), tail[columns.indexOf("matches_V2_row") - 1].equals("True"), votes));
        }
        for (String line : Files.readAllLines(SharedData.file("qr_ballot_positions_2024.csv"), StandardCharsets.UTF_8).subList(1, 39)) {
            String[] f = line.split(",");
            candidateAt.put(Integer.parseInt(f[0]), f[2]);
        }
    }

    @AfterAll
    void close() {
        if (check != null) {
            check.close();
        }
        if (deployment != null) {
            deployment.close();
        }
    }

    private List<Example> matching() {
        List<Example> m = examples.stream().filter(Example::matchesV2).toList();
        assertThat(m).as("examples that agree with V2").isNotEmpty();
        return m;
    }

    @Test
    void theExamplesAreReadAsTheirColumnsSay() {
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        assertThat(examples.get(0).votes()).containsEntry("NM", 188).containsEntry("EG", 167);
        assertThat(candidateAt).containsEntry(0, "NM").hasSize(38);
    }

    @Test
    void aRealActaThatAgreesWithThePublishedResultIsAMatchAndRecordsNothing() {
        long before = deployment.evidence().count();
        for (Example e : matching()) {
            ActaCheckResult r = check.checkText(List.of(e.payload()));
            assertThat(r.outcome()).as(e.payload()).isEqualTo(Outcome.MATCH);
            assertThat(r.table()).isEqualTo(e.table().value());
            assertThat(r.tableStatus()).isEqualTo("confirmed");
            assertThat(r.differences()).isEmpty();
            assertThat(r.evidenceId()).isNull();
            assertThat(r.published().candidates()).filteredOn(c -> c.id().equals("NM")).singleElement()
                    .satisfies(c -> assertThat(c.votes()).isEqualTo(e.votes().get("NM").longValue()));
        }
        assertThat(deployment.evidence().count()).isEqualTo(before);
    }

    @Test
    void oneVoteMoreForOneCardIsAMismatchNamingExactlyThatCandidateAndIsRecordedOnce() {
        Example e = matching().get(1);
        String[] fields = e.payload().split("!");
        String[] counts = fields[1].split(",");
        int position = 0;
        counts[position] = Integer.toString(Integer.parseInt(counts[position]) + 1);
        String changed = fields[0] + "!" + String.join(",", counts) + "!" + fields[2] + "!" + fields[3];
        String candidate = candidateAt.get(position);
        TableConsolidation before = deployment.requireRunning().state().consolidation(e.table());
        long evidenceBefore = deployment.evidence().count();

        ActaCheckResult r = check.checkText(List.of(changed));

        assertThat(r.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(r.differences()).containsExactly(new Difference("candidate", candidate,
                Ve2024Ballot.BALLOT.candidates().stream().filter(c -> c.id().equals(candidate)).findFirst().orElseThrow().name(),
                e.votes().get(candidate), e.votes().get(candidate) + 1));
        assertThat(r.evidenceId()).isNotNull();
        assertThat(r.duplicate()).isFalse();
        assertThat(deployment.evidence().count()).isEqualTo(evidenceBefore + 1);
        StoredEvidence stored = deployment.evidence().byId(r.evidenceId()).orElseThrow();
        assertThat(stored.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(stored.submitter()).isEqualTo(ActaCheck.SUBMITTER);
        assertThat(new String(deployment.evidence().content(stored.sha256Hex()).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo(changed);

        ActaCheckResult again = check.checkText(List.of(changed + "\n"));
        assertThat(again.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(again.evidenceId()).isEqualTo(r.evidenceId());
        assertThat(again.duplicate()).isTrue();
        assertThat(deployment.evidence().count()).isEqualTo(evidenceBefore + 1);

        TableConsolidation after = deployment.requireRunning().state().consolidation(e.table());
        assertThat(after.status()).isEqualTo(TableStatus.CONFIRMED).isEqualTo(before.status());
        assertThat(after.accepted()).isEqualTo(before.accepted());
        assertThat(r.tableStatus()).isEqualTo("confirmed");
        assertThat(check.reports(0, 100)).anySatisfy(report -> {
            assertThat(report.evidenceId()).isEqualTo(r.evidenceId());
            assertThat(report.outcomeNow()).isEqualTo(Outcome.MISMATCH);
            assertThat(report.differences()).isEqualTo(r.differences());
        });
    }

    @Test
    void garbageIsInvalidWithTheDecodersOwnWords() {
        ActaCheckResult r = check.checkText(List.of("201301006.01.1.0001!140,7!0!0"));
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(r.problems()).first().satisfies(p -> {
            assertThat(p.code()).isEqualTo("COUNTS_WRONG_NUMBER");
            assertThat(p.field()).isEqualTo("counts");
            assertThat(p.message()).isEqualTo("the counts (field 2) hold 2 numbers; expected "
                    + Ve2024Ballot.BALLOT.cards().size() + ", one per card of the ballot");
        });
        assertThat(r.message()).contains("the counts (field 2) hold 2 numbers");
        assertThat(r.evidenceId()).isNull();
    }

    @Test
    void anActaOfATableThatIsNotInTheElectionIsInvalid() {
        String payload = matching().get(0).payload().replaceFirst("^\\d{9}\\.\\d{2}", "999999999.77");
        ActaCheckResult r = check.checkText(List.of(payload));
        assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(r.problems()).first().satisfies(p -> {
            assertThat(p.code()).isEqualTo("UNKNOWN_TABLE");
            assertThat(p.message()).contains("999999999.77");
        });
    }
}
