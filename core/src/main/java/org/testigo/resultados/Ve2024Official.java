package org.testigo.resultados;

import java.math.BigDecimal;
import java.util.List;
import org.testigo.election.OfficialBulletin;
import org.testigo.election.OfficialFigure;

/**
 * Facts about Venezuela's presidential election of 28 July 2024 that the published per-table CSV does
 * not hold: the election's size and the electoral council's (CNE) two bulletins. They are constants
 * here, not read from a file, so that an import depends on nothing but the CSV it is given. The CNE
 * never published per-table results; these bulletins are all it announced.
 */
public final class Ve2024Official {
    private Ve2024Official() {
    }

    /** Tables (mesas) in the election, per the CNE: 30,026 in 15,797 centres. */
    public static final long EXPECTED_TABLES = 30_026;

    /** Registered voters (Registro Electoral) for the election, per the CNE. */
    public static final long EXPECTED_ELECTORATE = 21_620_705;

    /**
     * Bulletin 1, announced at 00:06 on 29 July with 80% of tables counted and a
     * turnout of 59% (reported by radiomiraflores.net.ve, finanzasdigital.com, spanish.news.cn). It gave
     * only the two leaders and the other eight together.
     */
    public static final OfficialBulletin BULLETIN_1 = new OfficialBulletin("CNE boletín 1", "2024-07-29T00:06-04:00",
            "Primer boletín: 80% de mesas escrutadas, participación 59%", List.of(
                    figure("NM", "5150092"),
                    figure("EG", "4445978"),
                    figure(OfficialFigure.OTHERS, "462704"),
                    figure(OfficialFigure.TABLES_PERCENT, "80"),
                    figure(OfficialFigure.TURNOUT_PERCENT, "59")));

    /**
     * Bulletin 2, of 2 August, with 96.87% of actas counted (reported by lavoceditalia.com,
     * libertaddeexpresion.net; one of them misprints Maduro's votes as 6,480,844). Its valid votes are the
     * sum of the ten candidates, and cast = valid + null.
     */
    public static final OfficialBulletin BULLETIN_2 = new OfficialBulletin("CNE boletín 2", "2024-08-02",
            "Segundo boletín: 96,87% de actas escrutadas", List.of(
                    figure("NM", "6408844"),
                    figure("EG", "5326104"),
                    figure("LM", "152360"),
                    figure("AE", "116421"),
                    figure("BERA", "92903"),
                    figure("JOBR", "84231"),
                    figure("JABE", "64452"),
                    figure("CF", "40902"),
                    figure("EM", "29611"),
                    figure("DC", "20056"),
                    figure(OfficialFigure.VALID, "12335884"),
                    figure(OfficialFigure.NULL, "50785"),
                    figure(OfficialFigure.CAST, "12386669"),
                    figure(OfficialFigure.TABLES_PERCENT, "96.87")));

    /** Both bulletins, in the order they were announced. */
    public static final List<OfficialBulletin> BULLETINS = List.of(BULLETIN_1, BULLETIN_2);

    private static OfficialFigure figure(String item, String value) {
        return new OfficialFigure(item, new BigDecimal(value));
    }
}
