package org.testigo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SynthParametersTest {

    @Test
    void readsTheCheckedInDefaults() {
        SynthParameters p = SynthParameters.defaults();

        assertThat(p.states()).isEqualTo(24);
        assertThat(p.leader()).isEqualTo("EG");
        assertThat(p.runnerUp()).isEqualTo("NM");
        assertThat(p.minorShares()).containsOnlyKeys("LM", "JABE", "JOBR", "AE", "CF", "DC", "EM", "BERA");
        assertThat(p.cardWeights()).containsKeys("PSUV", "MUD", "ALIANZA-DEL-LAPIZ");
        // 21,946 tables in 11,280 centres in the zentraedi scan.
        assertThat(p.meanTablesPerCentre()).isCloseTo(21_952 / 11_280.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(p.maxTablesPerCentre()).isEqualTo(15);
    }

    @Test
    void namesAMissingKey() {
        Properties p = SynthParameters.defaultProperties();
        p.remove("turnout.tableSd");

        assertThatThrownBy(() -> SynthParameters.from(p)).hasMessageContaining("turnout.tableSd").hasMessageContaining("missing");
    }

    @Test
    void namesAKeyThatIsNotANumber() {
        Properties p = SynthParameters.defaultProperties();
        p.setProperty("centres.tableWeights", "10,5,x");

        assertThatThrownBy(() -> SynthParameters.from(p)).hasMessageContaining("centres.tableWeights").hasMessageContaining("\"x\"");
    }

    @Test
    void refusesMoreStatesThanTwoDigitsCanNumber() {
        Properties p = SynthParameters.defaultProperties();
        p.setProperty("states", "100");

        assertThatThrownBy(() -> SynthParameters.from(p)).hasMessageContaining("states must be 1 to 99");
    }

    @Test
    void refusesCandidatesAndCardsNotOnTheBallot() {
        Properties leader = SynthParameters.defaultProperties();
        leader.setProperty("leader", "XX");
        Properties minor = SynthParameters.defaultProperties();
        minor.setProperty("minor.ZZ", "0.01");
        Properties card = SynthParameters.defaultProperties();
        card.setProperty("card.NOPE", "3");

        assertThatThrownBy(() -> SynthParameters.from(leader)).hasMessageContaining("leader");
        assertThatThrownBy(() -> SynthParameters.from(minor)).hasMessageContaining("minor.ZZ");
        assertThatThrownBy(() -> SynthParameters.from(card)).hasMessageContaining("card.NOPE");
    }

    @Test
    void refusesARateWhoseMeanLiesOutsideItsRange() {
        Properties p = SynthParameters.defaultProperties();
        p.setProperty("turnout.max", "0.5");

        assertThatThrownBy(() -> SynthParameters.from(p)).hasMessageContaining("turnout").hasMessageContaining("max 0.5");
    }
}
