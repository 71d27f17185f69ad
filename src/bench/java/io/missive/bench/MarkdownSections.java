package io.missive.bench;

import java.util.Optional;

/**
 * The {@code ## } sections of a Markdown page, for the reports that write one section of a page whose
 * rest is written by hand or by another report: a section runs from its heading line to the next
 * {@code ## } heading.
 */
final class MarkdownSections {

    private MarkdownSections() {
    }

    /** {@code document} with the section under {@code heading} replaced by {@code section}, or with {@code section} appended. */
    static String replace(String document, String heading, String section) {
        int start = start(document, heading);
        if (start < 0) {
            return document.isBlank() ? section : document.stripTrailing() + "\n\n" + section;
        }
        int next = document.indexOf("\n## ", start);
        return document.substring(0, start) + section + (next < 0 ? "" : "\n" + document.substring(next + 1));
    }

    /** The section under {@code heading}, heading included, if the document has one. */
    static Optional<String> find(String document, String heading) {
        int start = start(document, heading);
        if (start < 0) {
            return Optional.empty();
        }
        int next = document.indexOf("\n## ", start);
        return Optional.of(next < 0 ? document.substring(start) : document.substring(start, next + 1));
    }

    /** The heading's index in the document: a newline before it, where the document gets one put in front. */
    private static int start(String document, String heading) {
        return ("\n" + document).indexOf("\n" + heading + "\n");
    }
}
