package io.detkit.data.validate;

import java.io.IOException;
import java.util.List;

/**
 * A dataset has problems that the chosen policy does not accept ({@link Policy#FAIL}, or a strict
 * read). The message lists every problem, one per line, each naming its file and line/record.
 */
public class DatasetProblemsException extends IOException {
    private final transient List<Problem> problems;

    /**
     * Creates the exception.
     *
     * @param what what was being done (e.g. {@code "data.yaml"} or {@code "policy fail"})
     * @param problems the problems, at least one
     */
    public DatasetProblemsException(String what, List<Problem> problems) {
        super(message(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems */
    public List<Problem> problems() {
        return problems;
    }

    private static String message(String what, List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(": ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems");
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
