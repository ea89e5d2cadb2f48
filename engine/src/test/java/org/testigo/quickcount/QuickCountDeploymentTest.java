package org.testigo.quickcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testigo.analysis.quickcount.QuickCount;
import org.testigo.analysis.sample.Sample;
import org.testigo.analysis.sample.SampleDraw;
import org.testigo.deployment.Deployment;
import org.testigo.intake.Outcome;
import org.testigo.intake.Submission;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.NoteKey;
import org.testigo.opendata.DataExport;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.DatabaseConfig;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.verify.BundleVerifier;
import org.testigo.verify.VerifyReport;

/** Check-ins in a real deployment: kept and logged, never counted as actas, rebuilt after a restart, exported and verified. */
class QuickCountDeploymentTest {
    @TempDir
    Path dir;

    @Test
    void checkInsAreEvidenceThatSurvivesARestartAndTheOpenDataButNeverCountAsActas() throws Exception {
        SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(80, 21));
        NoteKey key = NoteKey.generate("testigo.test/quickcount");
        DatabaseConfig config = TestPostgres.freshDatabase();
        Sample sample = SampleDraw.draw(synth.election(), 12, null, "restart and export");
        SyntheticTable t = null;
        for (int i = 0; t == null; i++) {
            if (sample.tableSet().contains(synth.table(i).table().id())) {
                t = synth.table(i);
            }
        }
        int index = t.index();
        try (Deployment d = Deployment.open(Database.open(config), Clock.systemUTC(), key)) {
            d.load(synth.election());
            d.commitSample(sample, QuickCount.DEFAULT_TURNOUT_TIMES);
            Map<String, Long> votes = new LinkedHashMap<>();
            var ballot = synth.election().ballot().candidates();
            for (int c = 0; c < ballot.size(); c++) {
                votes.put(ballot.get(c).id(), (long) t.candidates().get(c));
            }
            var result = d.checkIns().record(new CheckIn.Result(t.table().id(), votes, t.nullVotes(), 0), "witness-1").get();
            assertThat(result).isInstanceOf(CheckInOutcome.Accepted.class);
            var turnout = d.checkIns().record(new CheckIn.Turnout(t.table().id(), LocalTime.of(14, 0), 7), "witness-1").get();
            assertThat(turnout).isInstanceOf(CheckInOutcome.Accepted.class);
            assertThat(d.requireRunning().state().consolidation(index).received()).as("a check-in is not an acta").isFalse();
            var acta = d.requireRunning().intake().submit(new Submission(null, List.of(t.payload()), Channel.QR, "witness-1")).get();
            assertThat(acta).isInstanceOf(Outcome.Accepted.class);
            assertThat(d.requireRunning().state().consolidation(index).versions().get(0).copies()).hasSize(1);
        }
        try (Deployment d = Deployment.open(Database.open(config), Clock.systemUTC(), key)) {
            assertThat(d.requireRunning().state().consolidation(index).versions().get(0).copies()).as("after a restart too").hasSize(1);
            LiveQuickCount quick = d.quickCount().orElseThrow();
            var view = quick.view(d.requireRunning().state());
            assertThat(view.estimate().reported()).isEqualTo(1);
            assertThat(view.estimate().turnoutByTime().get(1).reported()).isEqualTo(1);
            assertThat(view.agreements()).isEqualTo(1);
            assertThat(view.comparisons().get(0).table()).isEqualTo(t.table().id().value());

            Path bundle = dir.resolve("bundle");
            DataExport.write(d, key, bundle);
            VerifyReport report = BundleVerifier.standard().verify(FileSource.of(bundle.toString()), Optional.of(key.verifier()), false);
            assertThat(report.clean()).as(report.text(20)).isTrue();
            assertThat(report.checked().get("evidence")).isEqualTo(3L);
        }
    }
}
