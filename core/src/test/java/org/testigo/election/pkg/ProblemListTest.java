package org.testigo.election.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProblemListTest {

    @Test
    void keepsProblemsInOrderUpToTheCap() {
        ProblemList<String> problems = new ProblemList<>(3);
        problems.add("a");
        problems.add("b");
        problems.add("c");

        assertThat(problems.list()).containsExactly("a", "b", "c");
        assertThat(problems.size()).isEqualTo(3);
        assertThat(problems.truncated()).isFalse();
    }

    @Test
    void unwindsTheReadAndMarksTheListTruncatedPastTheCap() {
        ProblemList<String> problems = new ProblemList<>(2);
        problems.add("a");
        problems.add("b");

        assertThatThrownBy(() -> problems.add("c")).isInstanceOf(ProblemList.Full.class);
        assertThat(problems.list()).containsExactly("a", "b");
        assertThat(problems.truncated()).isTrue();
    }

    @Test
    void aLastProblemPastTheCapOnlyMarksTheListTruncated() {
        ProblemList<String> problems = new ProblemList<>(1);
        problems.addLast("a");
        problems.addLast("b");

        assertThat(problems.list()).containsExactly("a");
        assertThat(problems.truncated()).isTrue();
    }

    @Test
    void theSummaryCountsTheProblemsAndListsTheFirstTwenty() {
        assertThat(ProblemList.summary("x has ", List.of("one"), false)).isEqualTo("x has 1 problem\n  one");
        assertThat(ProblemList.summary("x has ", List.of("one", "two"), true))
                .isEqualTo("x has at least 2 problems\n  one\n  two");

        List<String> many = IntStream.rangeClosed(1, 21).mapToObj(i -> "p" + i).toList();
        String summary = ProblemList.summary("", many, false);
        assertThat(summary).startsWith("21 problems\n  p1\n").contains("\n  p20\n  …").doesNotContain("p21");
    }

    @Test
    void refusesASummaryOfNoProblems() {
        assertThatThrownBy(() -> ProblemList.summary("x has ", List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
