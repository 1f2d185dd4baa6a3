package io.detkit.metrics.util;

import java.util.Arrays;

/**
 * A growable list of primitive {@code double}s, for accumulators that must not box their values.
 * Not thread-safe.
 */
public final class DoubleList {
    private double[] data;
    private int size;

    /** Creates an empty list. */
    public DoubleList() {
        data = new double[16];
    }

    /**
     * Appends one value.
     *
     * @param value the value
     */
    public void add(double value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    /**
     * Returns one value.
     *
     * @param index position, {@code 0 ≤ index < size()}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return data[index];
    }

    /** @return the number of values */
    public int size() {
        return size;
    }

    /** @return a new array holding the values in insertion order */
    public double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
