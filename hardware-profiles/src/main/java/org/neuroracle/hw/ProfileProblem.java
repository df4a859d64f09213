package org.neuroracle.hw;

/** One problem found in a profile file: where it is (file, 1-based line, field path) and what is wrong. */
public record ProfileProblem(String file, int line, String field, String message) {
    @Override public String toString() {
        return file + ":" + (line > 0 ? line : "?") + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
