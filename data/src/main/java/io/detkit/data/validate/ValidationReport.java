package io.detkit.data.validate;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@link Validator#validate}: the dataset's summary and every problem found, those
 * of the reader first (in file order), then those of the validator (in sample order).
 *
 * @param summary counts of the dataset as read
 * @param problems every problem
 */
public record ValidationReport(DatasetSummary summary, List<Problem> problems) {

    /**
     * Copies the list.
     *
     * @param summary see the record description
     * @param problems see the record description
     */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** @return the problems of severity {@link Severity#ERROR} */
    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    /** @return the problems of severity {@link Severity#WARNING} */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /** @return true when at least one problem is an error */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** @return how many problems of each kind, in kind order (kinds without problems left out) */
    public Map<ProblemKind, Integer> countsByKind() {
        Map<ProblemKind, Integer> m = new EnumMap<>(ProblemKind.class);
        for (Problem p : problems) {
            m.merge(p.kind(), 1, Integer::sum);
        }
        return m;
    }
}
