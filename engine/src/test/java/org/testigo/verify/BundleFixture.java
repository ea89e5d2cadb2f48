package org.testigo.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testigo.deployment.Deployment;
import org.testigo.election.Candidate;
import org.testigo.election.Counts;
import org.testigo.intake.ActaPictures;
import org.testigo.intake.ImageAnswer;
import org.testigo.intake.ImageUpload;
import org.testigo.intake.Outcome;
import org.testigo.intake.Submission;
import org.testigo.ledger.FileSource;
import org.testigo.ledger.NoteKey;
import org.testigo.ledger.SignedNote;
import org.testigo.opendata.DataExport;
import org.testigo.resultados.ResultadosCsv;
import org.testigo.resultados.Variant;
import org.testigo.store.Channel;
import org.testigo.store.Database;
import org.testigo.store.EvidenceDraft;
import org.testigo.store.TestPostgres;
import org.testigo.synth.SynthSpec;
import org.testigo.synth.SyntheticElection;
import org.testigo.synth.SyntheticTable;
import org.testigo.tally.Verification;
import org.testigo.tally.ve2024.Ve2024Ballot;
import org.testigo.tally.ve2024.Ve2024Payload;

/**
 * A synthetic election of 300 tables, run through a real deployment and exported once: tables 0–99 with
 * two agreeing witnesses (confirmed), 100–149 with one (provisional), 150–179 with two witnesses who
 * disagree (conflicted), 180–259 imported as rows of a V2 results file, 260–263 as photos, the rest
 * missing. Older signed checkpoints are kept, for rollbacks.
 */
final class BundleFixture {
    static final int AGREEING = 100;
    static final int SINGLE = 150;
    static final int CONFLICTED = 180;
    static final int IMPORTED = 260;
    static final int IMAGES = 264;

    final SyntheticElection synth = SyntheticElection.generate(SynthSpec.of(300, 11));
    final NoteKey key = NoteKey.generate("testigo.test/verify");
    final Map<String, byte[]> files = new TreeMap<>();
    /** Genuine checkpoints the log signed before the export, oldest first. */
    final List<SignedNote> older = new ArrayList<>();
    final Path dir;

    BundleFixture(Path dir) throws Exception {
        this.dir = dir;
        try (Deployment d = Deployment.open(Database.open(TestPostgres.freshDatabase()), Clock.systemUTC(), key)) {
            d.load(synth.election());
            for (int i = 0; i < SINGLE; i++) {
                submit(d, "witness-a", synth.table(i).payload());
                if (i < AGREEING) {
                    submit(d, "witness-b", synth.table(i).payload());
                }
                if (i % 50 == 49) {
                    older.add(d.transparency().orElseThrow().checkpoint());
                }
            }
            for (int i = SINGLE; i < CONFLICTED; i++) {
                submit(d, "witness-a", synth.table(i).payload());
                submit(d, "witness-b", altered(synth.table(i)));
            }
            older.add(d.transparency().orElseThrow().checkpoint());
            List<EvidenceDraft> drafts = new ArrayList<>();
            for (int i = CONFLICTED; i < IMPORTED; i++) {
                String content = String.join(",", Variant.V2.header()) + "\n" + row(synth.table(i));
                drafts.add(new EvidenceDraft(Channel.IMPORT, "import-test", ResultadosCsv.TALLY_FORMAT, "text/csv; charset=utf-8",
                        content.getBytes(StandardCharsets.UTF_8), ResultadosCsv.readRow(content, Path.of("row")),
                        Verification.notVerifiable("a published dataset", List.of()), d.clock().instant()));
            }
            d.importEvidence(drafts);
            older.add(d.transparency().orElseThrow().checkpoint());
            for (int i = IMPORTED; i < IMAGES; i++) {
                ImageAnswer a = d.requireRunning().images().submit(new ImageUpload(ActaPictures.png(synth.table(i).payload()), null,
                        List.of(), "witness-c"));
                long id = ((ImageAnswer.Received) a).submission().id();
                d.requireRunning().images().whenFinal(id).get(60, TimeUnit.SECONDS);
            }
            DataExport.write(d, key, dir);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
    }

    private static void submit(Deployment d, String who, String payload) {
        Outcome o = d.requireRunning().intake().submit(new Submission(null, List.of(payload), Channel.QR, who)).join();
        if (!(o instanceof Outcome.Accepted)) {
            throw new IllegalStateException("not accepted: " + o);
        }
    }

    /** The same acta with one vote moved from the first card to the second. */
    static String altered(SyntheticTable t) {
        int[] cards = t.cards().toArray();
        int[] candidateOf = Ve2024Ballot.BALLOT.cardToCandidate();
        int from = 0;
        while (cards[from] == 0) {
            from++;
        }
        int to = 0;
        while (candidateOf[to] == candidateOf[from]) {
            to++;
        }
        // A vote moved to another candidate's card: the copies disagree on the candidates' votes.
        cards[from]--;
        cards[to]++;
        return Ve2024Payload.format(t.table().id(), Counts.of(cards), t.nullVotes(), 0);
    }

    /** A V2 results row for a synthetic table, written by hand from the synthetic figures. */
    private String row(SyntheticTable t) {
        String id = t.table().id().value();
        String centre = id.substring(0, 9);
        List<String> fields = new ArrayList<>();
        for (String column : Variant.V2.header()) {
            fields.add(switch (column) {
                case "COD_EDO" -> Integer.toString(Integer.parseInt(centre.substring(0, 2)));
                case "COD_MUN" -> Integer.toString(Integer.parseInt(centre.substring(2, 4)));
                case "COD_PAR" -> "1";
                case "EDO", "MUN", "PAR" -> "LUGAR " + centre.substring(0, 6);
                case "CENTRO" -> Integer.toString(Integer.parseInt(centre));
                case "MESA" -> Integer.toString(Integer.parseInt(id.substring(10)));
                case "VOTOS_VALIDOS" -> Long.toString(t.valid());
                case "VOTOS_NULOS" -> Integer.toString(t.nullVotes());
                case "URL" -> "https://example.org/actas/" + id + ".jpg";
                default -> Integer.toString(t.candidates().get(candidate(column)));
            });
        }
        return String.join(",", fields);
    }

    private int candidate(String id) {
        List<Candidate> all = synth.election().ballot().candidates();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("no candidate " + id);
    }

    /** The bundle, or a tampered copy of it, as files in memory. */
    record Memory(Map<String, byte[]> files) implements FileSource {
        @Override
        public Optional<byte[]> read(String relativePath) {
            return Optional.ofNullable(files.get(relativePath)).map(byte[]::clone);
        }

        @Override
        public String describe() {
            return "bundle in memory";
        }
    }
}
