package org.oscartransport.gateway.bench;

import java.util.List;

/** Order statistics of a few samples. */
record Stats(double median, double min, double max, double p99, int count) {

    static Stats of(List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new Stats(percentile(s, 50), s[0], s[s.length - 1], percentile(s, 99), s.length);
    }

    /** Nearest-rank percentile, except that the median of an even count is the mean of the middle two. */
    private static double percentile(double[] sorted, int p) {
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
