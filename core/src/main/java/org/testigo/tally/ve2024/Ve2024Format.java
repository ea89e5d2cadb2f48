package org.testigo.tally.ve2024;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.testigo.election.Ballot;
import org.testigo.election.Counts;
import org.testigo.election.TableId;
import org.testigo.tally.Check;
import org.testigo.tally.Decoding;
import org.testigo.tally.Problem;
import org.testigo.tally.Tally;
import org.testigo.tally.TallyContext;
import org.testigo.tally.TallyFormat;
import org.testigo.tally.Verification;

/**
 * The QR code of an acta printed by a Venezuelan voting machine on 28 July 2024:
 * {@code CCCCCCCCC.MM.1.0001!v0,…,v37!NULLS!F4} (see {@link Ve2024Payload} for the fields). The text
 * carries no signature; the hash printed beside it needs the CNE's secret key, so every tally read here
 * is {@code NOT_VERIFIABLE} on its own and earns trust only from agreeing copies.
 */
public final class Ve2024Format implements TallyFormat {
    public static final String ID = "ve-2024";

    /** Name of the fourth field in {@link Tally#counters()}; 0 on every acta seen, meaning unknown. */
    public static final String FIELD4 = "field4";

    static final String NOT_VERIFIABLE_REASON = "the acta QR text has no signature of its own; the hash/HMAC "
            + "printed on the acta can only be checked with the CNE's key, which is not public";

    private static final Pattern SHAPE = Pattern.compile("\\d{9}\\.\\d{2}\\.[^!]*!.*", Pattern.DOTALL);

    /** The card → candidate map of the ballot last decoded with; ballots rarely change, lookups add up. */
    private volatile CardMap cardMap = new CardMap(Ve2024Ballot.BALLOT, Ve2024Ballot.BALLOT.cardToCandidate());

    private record CardMap(Ballot ballot, int[] candidateOfCard) {
    }

    public Ve2024Format() {
        // found through ServiceLoader
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Venezuela 2024 acta QR (CNE): acta id ! votes per party card ! null votes ! fourth counter";
    }

    @Override
    public boolean recognizes(List<String> payloads) {
        if (payloads == null || payloads.size() != 1 || payloads.get(0) == null) {
            return false;
        }
        String text = payloads.get(0).strip();
        return text.length() <= Ve2024Payload.MAX_LENGTH && SHAPE.matcher(text).matches();
    }

    @Override
    public Optional<TallyContext> defaultContext() {
        return Optional.of(new TallyContext(Ve2024Ballot.BALLOT));
    }

    @Override
    public Decoding decode(List<String> payloads, TallyContext context) {
        Objects.requireNonNull(context, "a tally context is required (see defaultContext())");
        if (payloads == null || payloads.isEmpty()) {
            return new Decoding.Refused(new Problem(Ve2024Problem.NO_PAYLOAD, "payloads",
                    "no payloads were given; expected the text of the acta's one QR code"));
        }
        if (payloads.size() > 1) {
            return new Decoding.Refused(new Problem(Ve2024Problem.TOO_MANY_PAYLOADS, "payloads", payloads.size()
                    + " payloads were given; a Venezuelan acta has exactly one QR code"));
        }
        Ve2024Reader.Result read = Ve2024Reader.read(payloads.get(0), context.ballot());
        if (!read.problems().isEmpty()) {
            return new Decoding.Refused(read.problems());
        }
        Ve2024Reader.Fields f = read.fields();
        Counts cards = Counts.of(f.cards());
        Tally tally = new Tally(ID, new TableId(f.centre() + "." + f.table()), f.actaId(),
                candidateVotes(context.ballot(), f.cards()), cards, f.nullVotes(), 0, Map.of(FIELD4, (long) f.field4()));
        return new Decoding.Decoded(tally, Verification.notVerifiable(NOT_VERIFIABLE_REASON, checks(f.centre())));
    }

    /** What {@link Ballot#candidateVotes} gives, with the card map kept between calls. */
    private Counts candidateVotes(Ballot ballot, int[] cards) {
        CardMap map = cardMap;
        if (map.ballot() != ballot) {
            map = new CardMap(ballot, ballot.cardToCandidate());
            cardMap = map;
        }
        int[] votes = new int[ballot.candidates().size()];
        for (int i = 0; i < cards.length; i++) {
            votes[map.candidateOfCard()[i]] += cards[i]; // the reader bounded the total to int range
        }
        return Counts.of(votes);
    }

    /**
     * The CNE numbers states, municipalities, parishes and centres from 1, so a zero part of a well-formed
     * centre code points at a misprint or a forgery rather than at a place.
     */
    private static List<Check> checks(String centre) {
        List<Check> checks = new ArrayList<>(4);
        checks.add(nonZero("state code", centre.substring(0, 2)));
        checks.add(nonZero("municipality code", centre.substring(2, 4)));
        checks.add(nonZero("parish code", centre.substring(4, 6)));
        checks.add(nonZero("centre number", centre.substring(6, 9)));
        return checks;
    }

    private static Check nonZero(String name, String digits) {
        return Integer.parseInt(digits) == 0
                ? Check.fail(name, name + " is " + digits + "; the CNE numbers from 1")
                : Check.pass(name, name + " " + digits + " is numbered from 1 as the CNE does");
    }
}
