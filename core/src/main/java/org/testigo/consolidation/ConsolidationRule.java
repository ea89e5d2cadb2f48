package org.testigo.consolidation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.testigo.election.TableId;
import org.testigo.tally.Tally;
import org.testigo.tally.Verdict;

/**
 * Decides, from every copy of a table's acta, which result stands. The rule (docs/ARCHITECTURE.md,
 * "Consolidation"):
 * <ol>
 *   <li>Copies whose signature is invalid never count, nor do citizen reports ({@link Copy#forReview()}):
 *       an anonymous upload can neither confirm a table nor put it in conflict; a reviewer decides.</li>
 *   <li>Copies that give the same votes per candidate, null and blank votes are one <em>version</em>.</li>
 *   <li>If exactly one version carries a valid signature, it is accepted and confirmed (basis
 *       {@code signature}); any other version is kept as competing but overruled. Two signed versions
 *       that disagree are a conflict.</li>
 *   <li>Otherwise, a single version is accepted: confirmed when it comes from an import or from at least
 *       {@code confirmations} different submitters, provisional before that.</li>
 *   <li>Two or more unsigned versions are a conflict: nothing is accepted, the table counts as
 *       outstanding until a reviewer decides. The transcription desk is that reviewer: when exactly one
 *       version carries a desk review (channel {@code desk-review}: two volunteers read the table's
 *       photos independently and agreed), it is accepted and confirmed (basis {@code desk-review}).</li>
 * </ol>
 * Totals use accepted tallies only.
 */
public final class ConsolidationRule {
    private final int confirmations;

    /** @param confirmations independent agreeing copies needed to confirm an unsigned version */
    public ConsolidationRule(int confirmations) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1");
        }
        this.confirmations = confirmations;
    }

    public static ConsolidationRule standard() {
        return new ConsolidationRule(2);
    }

    public int confirmations() {
        return confirmations;
    }

    public TableConsolidation decide(TableId table, List<Copy> copies) {
        List<Version> versions = versions(copies);
        if (versions.isEmpty()) {
            long reports = copies.stream().filter(Copy::forReview).count();
            return reports == 0 ? TableConsolidation.missing(table) : new TableConsolidation(table, TableStatus.MISSING, Basis.NONE,
                    null, List.of(), "no evidence counted yet; " + reports + " citizen report(s) await review");
        }
        List<Version> signed = versions.stream().filter(Version::signed).toList();
        if (signed.size() == 1) {
            Version v = signed.get(0);
            String others = versions.size() > 1 ? "; " + (versions.size() - 1) + " competing version(s) overruled" : "";
            return new TableConsolidation(table, TableStatus.CONFIRMED, Basis.SIGNATURE, withCards(v), versions,
                    "signature verified" + others);
        }
        if (signed.size() > 1) {
            return new TableConsolidation(table, TableStatus.CONFLICTED, Basis.NONE, null, versions,
                    signed.size() + " versions carry valid signatures but disagree");
        }
        List<Version> reviewed = versions.stream().filter(Version::reviewed).toList();
        if (versions.size() > 1 && reviewed.size() == 1) {
            return new TableConsolidation(table, TableStatus.CONFIRMED, Basis.DESK_REVIEW, withCards(reviewed.get(0)), versions,
                    versions.size() + " versions disagreed; the transcription desk read the photos and settled it");
        }
        if (versions.size() > 1) {
            return new TableConsolidation(table, TableStatus.CONFLICTED, Basis.NONE, null, versions,
                    versions.size() + " versions disagree");
        }
        Version v = versions.get(0);
        if (v.imported()) {
            return new TableConsolidation(table, TableStatus.CONFIRMED, Basis.IMPORT, withCards(v), versions,
                    "imported from a curated dataset");
        }
        long independent = v.independentCopies();
        if (independent >= confirmations) {
            return new TableConsolidation(table, TableStatus.CONFIRMED, Basis.AGREEING_COPIES, withCards(v), versions,
                    independent + " independent copies agree");
        }
        return new TableConsolidation(table, TableStatus.PROVISIONAL, Basis.SINGLE_VERSION, withCards(v), versions,
                independent + " of " + confirmations + " independent copies needed to confirm");
    }

    /** Groups valid copies (not those for review) into versions, oldest version first, each version's copies oldest first. */
    static List<Version> versions(List<Copy> copies) {
        List<Copy> sorted = new ArrayList<>(copies);
        sorted.sort(Comparator.comparing(Copy::receivedAt).thenComparingLong(Copy::evidenceId));
        List<List<Copy>> groups = new ArrayList<>();
        for (Copy c : sorted) {
            if (c.signature() == Verdict.INVALID || c.forReview()) {
                continue;
            }
            List<Copy> group = groups.stream().filter(g -> g.get(0).tally().agreesWith(c.tally())).findFirst().orElse(null);
            if (group == null) {
                group = new ArrayList<>();
                groups.add(group);
            }
            group.add(c);
        }
        return groups.stream().map(g -> new Version(g.get(0).tally(), g)).toList();
    }

    /** The accepted tally keeps the card breakdown when any agreeing copy has one. */
    private static Tally withCards(Version v) {
        return v.copies().stream().map(Copy::tally).filter(t -> !t.cards().isEmpty()).findFirst().orElse(v.tally());
    }
}
