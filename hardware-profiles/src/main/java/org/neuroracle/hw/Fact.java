package org.neuroracle.hw;

/** A non-numeric profile entry (decay form, rounding, host interface) with its kind and source. */
public record Fact(String path, String value, Kind kind, String source, int line) {}
