package org.neuroracle.forecast.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Online per-DAO recalibration of the pass probability, from the DAO's own resolved history and never its future.
 * <p>For a proposal of DAO d starting at t, forecast at model checkpoint k, the pooled map gives a logit u (the
 * artifact's calibration map applied to the integer readout value). The DAO's proposals whose vote ENDED by t
 * (the same rule as every other history feature, {@code DaoHistory.Dao#pastCount}) each carry their own forecast
 * logit u_i at checkpoint k and their outcome y_i; on those a two-parameter map p = sigmoid(slope u + offset) is
 * fitted by penalised maximum likelihood, the penalty (lambda / 2) ((slope - 1)^2 + offset^2) with lambda =
 * {@code pseudoCount} / 4 (the information of that many proposals at p = 1/2) shrinking it towards the pooled map.
 * A DAO with no resolved history gets slope 1, offset 0: exactly the pooled answer.
 * <p>Why it is bit-exact on every backend and machine: the network and readout are integers (identical on every
 * backend, as before); this map runs on the host after them, in IEEE-754 double arithmetic, which the JVM has
 * evaluated strictly since Java 17 (JEP 306: every +, -, *, / is correctly rounded, no extended precision, and
 * the JLS forbids fusing a * b + c), with the only transcendental functions from {@code StrictMath} (fdlibm,
 * specified bit for bit), a fixed summation order (proposals by end, then id) and a fixed iteration schedule. The
 * stored past logits are fixed-point integers (2^-16 units), so the inputs are exact too. {@code Math.exp/log} are
 * never used here: they may be JIT intrinsics that differ in the last bit between machines.
 *
 * @param pseudoCount proposals' worth of shrinkage towards the pooled map (>= 1)
 * @param checkpoints the model checkpoints each past proposal has a logit for
 */
public record DaoRecalibration(int pseudoCount, int checkpoints, List<Dao> daos) {
    /** Fixed-point fraction bits of the stored logits, and the bound they are clamped to. */
    public static final int FRAC_BITS = 16;
    public static final double LOGIT_LIMIT = 30;
    /** Newton steps (each with step halving) and the bounds the map stays in. */
    static final int NEWTON_STEPS = 12, HALVINGS = 30;
    static final double MIN_SLOPE = 0.02, MAX_SLOPE = 5, MAX_OFFSET = 10;
    private static final double SCALE = 1 << FRAC_BITS;

    /**
     * One DAO's resolved proposals, sorted by (end, id): the end of each vote, its outcome, and its own pooled-map
     * logit at every checkpoint ({@code logitFix[i * checkpoints + k]}, 2^-16 units).
     */
    public record Dao(String name, String[] proposalIds, long[] ends, boolean[] passed, int[] logitFix) {
        public Dao {
            int n = proposalIds.length;
            if (ends.length != n || passed.length != n)
                throw new IllegalArgumentException("recalibration." + name + ": proposal arrays differ in length");
            for (int i = 1; i < n; i++)
                if (ends[i] < ends[i - 1]) throw new IllegalArgumentException("recalibration." + name + ": proposals are not sorted by end");
            for (int i = 0; i < logitFix.length; i++)
                if (Math.abs((long) logitFix[i]) > (long) (LOGIT_LIMIT * SCALE)) throw new IllegalArgumentException("recalibration." + name + ".logitFix[" + i + "]: out of range");
        }

        @Override public boolean equals(Object o) {
            return o instanceof Dao d && name.equals(d.name) && java.util.Arrays.equals(proposalIds, d.proposalIds) && java.util.Arrays.equals(ends, d.ends)
                    && java.util.Arrays.equals(passed, d.passed) && java.util.Arrays.equals(logitFix, d.logitFix);
        }

        @Override public int hashCode() { return name.hashCode() * 31 + java.util.Arrays.hashCode(logitFix); }

        /** Proposals whose vote ended by t (at most at t), as in {@code DaoHistory.Dao#pastCount}. */
        public int pastCount(long t) {
            int lo = 0, hi = ends.length;
            while (lo < hi) { int m = (lo + hi) >>> 1; if (ends[m] <= t) lo = m + 1; else hi = m; }
            return lo;
        }
    }

    /** The fitted per-DAO map and how many resolved proposals it saw. */
    public record Map2(double slope, double offset, int past) {
        public static final Map2 IDENTITY = new Map2(1, 0, 0);

        /** P(pass) for a pooled-map logit u. */
        public double apply(double u) { return LinearReadout.sigmoid(slope * u + offset); }
    }

    public DaoRecalibration {
        if (pseudoCount < 1) throw new IllegalArgumentException("recalibration.pseudoCount: must be >= 1, got " + pseudoCount);
        if (checkpoints < 1) throw new IllegalArgumentException("recalibration.checkpoints: must be >= 1");
        daos = List.copyOf(daos);
        for (Dao d : daos)
            if (d.logitFix().length != d.proposalIds().length * checkpoints)
                throw new IllegalArgumentException("recalibration." + d.name() + ": " + d.logitFix().length + " logits, expected " + d.proposalIds().length * checkpoints);
    }

    public Dao dao(String name) {
        if (name == null) return null;
        for (Dao d : daos) if (d.name().equals(name)) return d;
        return null;
    }

    /** The map for a proposal of {@code dao} starting at {@code voteStart}, forecast at checkpoint k. */
    public Map2 at(String dao, long voteStart, int checkpoint) {
        checkCheckpoint(checkpoint);
        Dao d = dao(dao);
        if (d == null) return Map2.IDENTITY;
        return fitted(d, d.pastCount(voteStart), checkpoint);
    }

    /** Refuses a checkpoint index the table has no logits for. */
    void checkCheckpoint(int checkpoint) {
        if (checkpoint < 0 || checkpoint >= checkpoints) throw new IllegalArgumentException("recalibration: checkpoint " + checkpoint + " out of 0.." + (checkpoints - 1));
    }

    /** The map fitted on the first {@code n} (by end) proposals of {@code d} at checkpoint k: what {@link #at} returns. */
    public Map2 fitted(Dao d, int n, int checkpoint) {
        if (n == 0) return Map2.IDENTITY;
        double[] u = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = d.logitFix()[i * checkpoints + checkpoint] / SCALE;
            y[i] = d.passed()[i] ? 1 : 0;
        }
        return fit(u, y, pseudoCount);
    }

    /**
     * The map at checkpoint k fitted on the first {@code n} proposals of {@code d} with recency weights: the i-th
     * of them (by end) weighs 0.5^((n - 1 - i) / halfLifeProposals), so the most recent weighs 1 and one
     * {@code halfLifeProposals} earlier weighs 1/2 (for DAOs whose pass rate drifts). Not used by the served
     * model: an evaluation variant ({@code spiking_recency}); {@code halfLifeProposals <= 0} is {@link #fitted}.
     */
    public Map2 fittedRecent(Dao d, int n, int checkpoint, int halfLifeProposals) {
        if (halfLifeProposals <= 0) return fitted(d, n, checkpoint);
        if (n == 0) return Map2.IDENTITY;
        double[] u = new double[n], w = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            u[i] = d.logitFix()[i * checkpoints + checkpoint] / SCALE;
            y[i] = d.passed()[i] ? 1 : 0;
            w[i] = StrictMath.pow(0.5, (double) (n - 1 - i) / halfLifeProposals);
        }
        return fit(u, y, w, pseudoCount);
    }

    /** {@link #at} with recency weights ({@link #fittedRecent}). */
    public Map2 atRecent(String dao, long voteStart, int checkpoint, int halfLifeProposals) {
        checkCheckpoint(checkpoint);
        Dao d = dao(dao);
        if (d == null) return Map2.IDENTITY;
        return fittedRecent(d, d.pastCount(voteStart), checkpoint, halfLifeProposals);
    }

    /** A logit as stored: clamped to +-LOGIT_LIMIT, rounded to 2^-16. */
    public static int quantise(double u) {
        if (Double.isNaN(u)) throw new IllegalArgumentException("recalibration: logit is NaN");
        return (int) Math.round(Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, u)) * SCALE);
    }

    /** The value a quantised logit stands for. */
    public static double dequantise(int fix) { return fix / SCALE; }

    /**
     * Penalised maximum likelihood of (slope, offset): Newton steps from (1, 0), each halved until the objective
     * does not rise, stopped when a step moves less than 1e-10 or after NEWTON_STEPS; bounded to [MIN_SLOPE,
     * MAX_SLOPE] x [-MAX_OFFSET, MAX_OFFSET]. The objective is strictly convex (the penalty), so this converges.
     */
    public static Map2 fit(double[] u, int[] y, int pseudoCount) {
        return fit(u, y, null, pseudoCount);
    }

    /**
     * {@link #fit(double[], int[], int)} with a weight per point ({@code w == null}: every weight 1; the arithmetic
     * is then the unweighted fit's bit for bit, since x * 1.0 == x exactly in IEEE-754).
     */
    public static Map2 fit(double[] u, int[] y, double[] w, int pseudoCount) {
        if (u.length != y.length) throw new IllegalArgumentException("recalibration: " + u.length + " logits but " + y.length + " outcomes");
        if (w != null && w.length != u.length) throw new IllegalArgumentException("recalibration: " + u.length + " logits but " + w.length + " weights");
        if (u.length == 0) return Map2.IDENTITY;
        double lam = pseudoCount / 4.0;
        double a = 1, b = 0, obj = objective(u, y, w, a, b, lam);
        for (int it = 0; it < NEWTON_STEPS; it++) {
            double ga = lam * (a - 1), gb = lam * b, haa = lam, hab = 0, hbb = lam;
            for (int i = 0; i < u.length; i++) {
                double wi = w == null ? 1 : w[i];
                double p = LinearReadout.sigmoid(a * u[i] + b), r = (p - y[i]) * wi, v = p * (1 - p) * wi;
                ga += r * u[i];
                gb += r;
                haa += v * u[i] * u[i];
                hab += v * u[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab; // >= lam^2 > 0
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            double t = 1, na = a, nb = b, nobj = obj;
            boolean moved = false;
            for (int h = 0; h < HALVINGS; h++, t /= 2) {
                na = Math.max(MIN_SLOPE, Math.min(MAX_SLOPE, a - t * da));
                nb = Math.max(-MAX_OFFSET, Math.min(MAX_OFFSET, b - t * db));
                nobj = objective(u, y, w, na, nb, lam);
                if (nobj <= obj) { moved = true; break; }
            }
            if (!moved) break;
            double step = Math.abs(na - a) + Math.abs(nb - b);
            a = na;
            b = nb;
            obj = nobj;
            if (step < 1e-10) break;
        }
        return new Map2(a, b, u.length);
    }

    /** Sum of log(1 + e^eta) - y eta over the points, plus the penalty; StrictMath only. */
    static double objective(double[] u, int[] y, double[] w, double a, double b, double lam) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            double e = a * u[i] + b;
            s += ((e > 0 ? e + StrictMath.log1p(StrictMath.exp(-e)) : StrictMath.log1p(StrictMath.exp(e))) - y[i] * e) * (w == null ? 1 : w[i]);
        }
        return s + 0.5 * lam * ((a - 1) * (a - 1) + b * b);
    }

    /** One resolved proposal's row for {@link #of}: its pooled-map logit at every checkpoint. */
    public record Entry(String dao, String proposalId, long end, boolean passed, double[] logits) {}

    /** Builds the table from resolved proposals (any order); a proposal given twice is an error. */
    public static DaoRecalibration of(int pseudoCount, int checkpoints, List<Entry> entries) {
        Map<String, List<Entry>> byDao = new TreeMap<>();
        for (Entry e : entries) {
            if (e.logits().length != checkpoints)
                throw new IllegalArgumentException("recalibration: proposal " + e.dao() + "/" + e.proposalId() + " has " + e.logits().length + " logits, expected " + checkpoints);
            byDao.computeIfAbsent(e.dao(), k -> new ArrayList<>()).add(e);
        }
        List<Dao> out = new ArrayList<>();
        for (var de : byDao.entrySet()) {
            List<Entry> l = new ArrayList<>(de.getValue());
            l.sort(Comparator.comparingLong(Entry::end).thenComparing(Entry::proposalId));
            int n = l.size();
            String[] ids = new String[n];
            long[] ends = new long[n];
            boolean[] passed = new boolean[n];
            int[] fix = new int[n * checkpoints];
            for (int i = 0; i < n; i++) {
                Entry e = l.get(i);
                if (i > 0 && ids[i - 1].equals(e.proposalId()) && ends[i - 1] == e.end())
                    throw new IllegalArgumentException("recalibration: proposal " + e.dao() + "/" + e.proposalId() + " given twice");
                ids[i] = e.proposalId();
                ends[i] = e.end();
                passed[i] = e.passed();
                for (int k = 0; k < checkpoints; k++) fix[i * checkpoints + k] = quantise(e.logits()[k]);
            }
            out.add(new Dao(de.getKey(), ids, ends, passed, fix));
        }
        return new DaoRecalibration(pseudoCount, checkpoints, out);
    }
}
