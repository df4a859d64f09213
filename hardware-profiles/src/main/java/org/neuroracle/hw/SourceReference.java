package org.neuroracle.hw;

import java.util.regex.Pattern;

/**
 * Whether a profile source names something a reader can open: a DOI, an arXiv identifier, an http(s) URL, or a
 * file of this repository (for measurements made by this project). A journal name and year alone is not enough:
 * a wrong number cited that way cannot be checked.
 */
public final class SourceReference {
    private SourceReference() {}

    public static final String EXPECTED = "a DOI (doi:10.NNNN/...), an arXiv id (arXiv:NNNN.NNNNN), an http(s) URL, or 'this repository, PATH'";

    private static final Pattern DOI = Pattern.compile("\\b(?:doi:\\s?|https?://(?:dx\\.)?doi\\.org/)10\\.\\d{4,9}/\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern ARXIV = Pattern.compile("\\barXiv:\\d{4}\\.\\d{4,5}(?:v\\d+)?\\b");
    private static final Pattern URL = Pattern.compile("\\bhttps?://[a-z0-9.-]+\\.[a-z]{2,}(?:/\\S*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPOSITORY = Pattern.compile("\\bthis repository, [A-Za-z0-9_./-]+\\.[a-z]+\\b");

    public static boolean openable(String source) {
        if (source == null) return false;
        return DOI.matcher(source).find() || ARXIV.matcher(source).find() || URL.matcher(source).find() || REPOSITORY.matcher(source).find();
    }
}
