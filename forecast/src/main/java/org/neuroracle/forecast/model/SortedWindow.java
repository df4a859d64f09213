package org.neuroracle.forecast.model;

import java.util.Arrays;

/**
 * The values of a sliding window kept sorted (in {@link Double#compare} order, the order {@link Arrays#sort(double[])}
 * gives), so a running median costs a binary search and one array shift per step instead of a copy and a sort. The
 * sorted contents are exactly what sorting the window would give, so the median has the same bits.
 */
final class SortedWindow {
    private final double[] buf;
    private int size;

    SortedWindow(int capacity) { buf = new double[Math.max(1, capacity)]; }

    void add(double x) {
        int i = upperBound(x);
        System.arraycopy(buf, i, buf, i + 1, size - i);
        buf[i] = x;
        size++;
    }

    /** Removes one copy of x, which must be in the window. */
    void remove(double x) {
        int i = upperBound(x) - 1;
        if (i < 0 || Double.compare(buf[i], x) != 0) throw new IllegalStateException("value not in the window: " + x);
        System.arraycopy(buf, i + 1, buf, i, size - i - 1);
        size--;
    }

    /** As {@link FlowMethods#median} of the window's values. */
    double median() {
        return size % 2 == 1 ? buf[size / 2] : (buf[size / 2 - 1] + buf[size / 2]) / 2;
    }

    /** The first index whose value compares greater than x. */
    private int upperBound(double x) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(buf[mid], x) <= 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
