package org.neuroracle.nir;

import java.util.Arrays;

/**
 * A numeric NIR parameter: values in C (row-major) order with their shape. Scalars have shape {@code []}.
 * {@code integral} remembers whether the file stored integers, so a written file keeps the dtype.
 */
public record NdArray(double[] data, int[] shape, boolean integral) {
    public NdArray {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != data.length) throw new NirException("array of shape " + Arrays.toString(shape) + " holds " + data.length + " values");
    }

    public static NdArray of(double... values) { return new NdArray(values.clone(), new int[]{values.length}, false); }

    public static NdArray scalar(double value) { return new NdArray(new double[]{value}, new int[0], false); }

    public static NdArray ints(long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return new NdArray(d, new int[]{values.length}, true);
    }

    public static NdArray matrix(double[] rowMajor, int rows, int cols) { return new NdArray(rowMajor, new int[]{rows, cols}, false); }

    /** This one-element array as a scalar (shape []), the form NIR writes for e.g. groups and start_dim. */
    public NdArray scalarForm() {
        if (data.length != 1) throw new NirException("array of shape " + Arrays.toString(shape) + " is not a single value");
        return new NdArray(data, new int[0], integral);
    }

    public int size() { return data.length; }
    public int rank() { return shape.length; }
    public double get(int i) { return data[i]; }
    public int dim(int axis) { return shape[axis]; }

    /** Value i, or the single value when this array has one element (NIR lets scalars broadcast). */
    public double at(int i) { return data.length == 1 ? data[0] : data[i]; }

    public boolean uniform() {
        for (double x : data) if (Double.compare(x, data[0]) != 0) return false;
        return true;
    }

    public double min() { return Arrays.stream(data).min().orElse(Double.NaN); }
    public double max() { return Arrays.stream(data).max().orElse(Double.NaN); }

    public int[] intValues() {
        int[] out = new int[data.length];
        for (int i = 0; i < out.length; i++) out[i] = (int) data[i];
        return out;
    }

    /** Short human form for {@code nir inspect}: a few values, or min/max for big arrays. */
    public String summary() {
        String s = Arrays.toString(shape);
        if (data.length == 0) return s + " (empty)";
        if (data.length <= 4) {
            StringBuilder b = new StringBuilder(s).append(" = [");
            for (int i = 0; i < data.length; i++) b.append(i == 0 ? "" : ", ").append(fmt(data[i]));
            return b.append(']').toString();
        }
        if (uniform()) return s + " all " + fmt(data[0]);
        return s + " in [" + fmt(min()) + ", " + fmt(max()) + "]";
    }

    private String fmt(double x) { return integral ? Long.toString((long) x) : String.format(java.util.Locale.ROOT, "%.6g", x); }

    @Override public boolean equals(Object o) {
        return o instanceof NdArray a && Arrays.equals(data, a.data) && Arrays.equals(shape, a.shape);
    }

    @Override public int hashCode() { return Arrays.hashCode(data) * 31 + Arrays.hashCode(shape); }

    @Override public String toString() { return summary(); }
}
