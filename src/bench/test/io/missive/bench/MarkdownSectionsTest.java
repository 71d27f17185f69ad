package io.missive.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A report writes its own section of a page (the gate's of docs/cluster.md, say) and must leave the rest alone. */
class MarkdownSectionsTest {

    private static final String HEADING = "## Commit feed gate benchmark";
    private static final String SECTION = HEADING + "\n\nnew figures\n";

    @Test
    void startsAMissingDocumentWithTheSection() {
        assertThat(MarkdownSections.replace("", HEADING, SECTION)).isEqualTo(SECTION);
    }

    @Test
    void appendsTheSectionToADocumentWithoutIt() {
        assertThat(MarkdownSections.replace("# Cluster\n\nprose\n", HEADING, SECTION))
                .isEqualTo("# Cluster\n\nprose\n\n" + SECTION);
    }

    @Test
    void replacesOnlyItsOwnSection() {
        String document = "# Cluster\n\n" + HEADING + "\n\nold figures\n\n### Run 1\n\nold table\n\n"
                + "## Next section\n\nkept\n";
        assertThat(MarkdownSections.replace(document, HEADING, SECTION))
                .isEqualTo("# Cluster\n\n" + SECTION + "\n## Next section\n\nkept\n");
    }

    @Test
    void replacesTheSectionAtTheEndOrTheStart() {
        assertThat(MarkdownSections.replace("# Cluster\n\n" + HEADING + "\n\nold\n", HEADING, SECTION))
                .isEqualTo("# Cluster\n\n" + SECTION);
        assertThat(MarkdownSections.replace(HEADING + "\n\nold\n", HEADING, SECTION)).isEqualTo(SECTION);
    }

    @Test
    void findsASectionUpToTheNextHeading() {
        String document = "# Cluster\n\n" + SECTION + "\n## Next section\n\nkept\n";
        assertThat(MarkdownSections.find(document, HEADING)).contains(SECTION + "\n");
        assertThat(MarkdownSections.find(document, "## Next section")).contains("## Next section\n\nkept\n");
        assertThat(MarkdownSections.find(document, "## Figures")).isEmpty();
    }
}
