package io.missive.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate writes its own section of docs/cluster.md and must leave the hand-written rest alone. */
class CommitFeedGateReportTest {

    private static final String SECTION = CommitFeedGateReport.HEADING + "\n\nnew figures\n";

    @Test
    void startsAMissingDocumentWithTheSection() {
        assertThat(CommitFeedGateReport.replaceSection("", SECTION)).isEqualTo(SECTION);
    }

    @Test
    void appendsTheSectionToADocumentWithoutIt() {
        assertThat(CommitFeedGateReport.replaceSection("# Cluster\n\nprose\n", SECTION))
                .isEqualTo("# Cluster\n\nprose\n\n" + SECTION);
    }

    @Test
    void replacesOnlyItsOwnSection() {
        String document = "# Cluster\n\n" + CommitFeedGateReport.HEADING + "\n\nold figures\n\n### Run 1\n\nold table\n\n"
                + "## Next section\n\nkept\n";
        assertThat(CommitFeedGateReport.replaceSection(document, SECTION))
                .isEqualTo("# Cluster\n\n" + SECTION + "\n## Next section\n\nkept\n");
    }

    @Test
    void replacesTheSectionAtTheEndOrTheStart() {
        assertThat(CommitFeedGateReport.replaceSection("# Cluster\n\n" + CommitFeedGateReport.HEADING + "\n\nold\n", SECTION))
                .isEqualTo("# Cluster\n\n" + SECTION);
        assertThat(CommitFeedGateReport.replaceSection(CommitFeedGateReport.HEADING + "\n\nold\n", SECTION)).isEqualTo(SECTION);
    }
}
