package org.testigo.election;

import java.util.List;
import java.util.Optional;

/** A bulletin the electoral authority announced, kept to compare with what citizens collected. */
public record OfficialBulletin(String id, String announced, String note, List<OfficialFigure> figures) {
    public OfficialBulletin {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a bulletin needs an id");
        }
        announced = announced == null ? "" : announced;
        note = note == null ? "" : note;
        figures = List.copyOf(figures);
    }

    public Optional<OfficialFigure> figure(String item) {
        return figures.stream().filter(f -> f.item().equals(item)).findFirst();
    }
}
