package org.testigo.site;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Numbers, shares and times as each language writes them (Spanish 12.335.884 and 51,95 %; English
 * 12,335,884 and 51.95%). Written by hand rather than through the JDK's locale data, so the bytes of a
 * page do not change with the JDK that renders it.
 */
public final class Numbers {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Language language;

    Numbers(Language language) {
        this.language = language;
    }

    public String count(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder s = new StringBuilder();
        int lead = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                s.append(language == Language.ES ? '.' : ',');
            }
            s.append(digits.charAt(i));
        }
        return (n < 0 ? "-" : "") + s;
    }

    /** A share (0..1) as a percentage with two decimals. */
    public String percent(double share) {
        return decimal(share * 100, 2) + (language == Language.ES ? " %" : "%");
    }

    /** A number already in percent (official figures), two decimals. */
    public String percentValue(BigDecimal value) {
        return decimal(value.doubleValue(), 2) + (language == Language.ES ? " %" : "%");
    }

    public String decimal(double value, int places) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
        String plain = d.toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        String grouped = count(Long.parseLong(whole.replace("-", "")));
        return (value < 0 && d.signum() < 0 ? "-" : "") + grouped
                + (fraction.isEmpty() ? "" : (language == Language.ES ? "," : ".") + fraction);
    }

    /** An official figure: whole numbers grouped, others with their decimals. */
    public String official(BigDecimal value) {
        if (value.stripTrailingZeros().scale() <= 0) {
            return count(value.longValue());
        }
        return decimal(value.doubleValue(), Math.min(2, value.stripTrailingZeros().scale()));
    }

    public String time(Instant t) {
        return TIME.format(t);
    }
}
