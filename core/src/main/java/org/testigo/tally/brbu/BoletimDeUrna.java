package org.testigo.tally.brbu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.testigo.election.TableId;
import org.testigo.tally.Verification;

/**
 * A boletim de urna read from its QR codes: what it says, and how far it can be trusted.
 *
 * @param version VRQR; empty for early 2016 codes that print none
 * @param keyVersion VRCH, the version of the TSE signing key (VRQR 1.5 only)
 * @param codes n, how many QR codes the BU was printed in
 * @param header the header fields
 * @param elections the election blocks, each with its cargos
 * @param finalHash the last code's HASH, the value the signature covers; identifies the document
 * @param verification the signature verdict with its reason, and the chain and arithmetic checks
 */
public record BoletimDeUrna(Optional<String> version, Optional<String> keyVersion, int codes, BuHeader header,
        List<BuElection> elections, Sha512Hash finalHash, Verification verification) {

    public BoletimDeUrna {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(finalHash, "finalHash");
        Objects.requireNonNull(verification, "verification");
        elections = List.copyOf(elections);
    }

    /** The section as a table id: {@code UF-MUNI-ZONA-SECA}, numbers unpadded, e.g. {@code SP-63452-75-182}. */
    public TableId tableId() {
        return new TableId(header.uf() + "-" + header.municipality() + "-" + header.zone() + "-" + header.section());
    }

    /** Every cargo of every election, in printed order. */
    public List<BuCargo> cargos() {
        return elections.stream().flatMap(e -> e.cargos().stream()).toList();
    }

    /** The cargos with this CARG code (one, except in a BU with the same code in two elections). */
    public List<BuCargo> cargos(int code) {
        return cargos().stream().filter(c -> c.code() == code).toList();
    }
}
