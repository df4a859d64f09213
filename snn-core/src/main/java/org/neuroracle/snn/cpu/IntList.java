package org.neuroracle.snn.cpu;

import java.util.Arrays;

/** Growable int array; grows rarely (doubling) so the hot loop allocates only when a record outgrows its buffer. */
final class IntList {
    int[] a;
    int size;

    IntList(int capacity) { a = new int[Math.max(4, capacity)]; }

    void add(int x) {
        if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[size++] = x;
    }

    /** Makes room for {@code n} more elements, so a loop can write {@code a[size ..]} directly. */
    void reserve(int n) {
        if (size + n > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, size + n));
    }

    void clear() { size = 0; }
}
