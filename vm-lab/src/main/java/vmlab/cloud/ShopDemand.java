package vmlab.cloud;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.SplittableRandom;

/**
 * A synthetic year of demand for an online shop, seeded so that every run of a lesson sees the same year. The model, in
 * the order its factors multiply:
 * <ol>
 *   <li><b>base</b>: the busy cores of an ordinary evening ({@link #baseCores}, default 1,000);</li>
 *   <li><b>time of day</b>: a smooth daily curve, lowest at 4 am (35 % of the evening) and highest at 8 pm;</li>
 *   <li><b>weekend</b>: Saturdays and Sundays busier by {@link #weekend} (default 1.2);</li>
 *   <li><b>the shopping season</b>: from November 1 the load grows up to 1.5× by December 20, then falls back by
 *       December 27;</li>
 *   <li><b>the sale days</b>: Thanksgiving evening ×3, <b>Black Friday</b> ({@link #blackFriday}, default 20: the
 *       lecture's "tens of times" the normal load), the Saturday ×8 and Sunday ×6 after it, and <b>Cyber Monday</b>
 *       ({@link #cyberMonday}, default 15);</li>
 *   <li><b>noise</b>: each hour multiplied by a log-normal factor with σ = {@link #noise} (default 0.08).</li>
 * </ol>
 * Black Friday is the day after the fourth Thursday of November, as in the United States.
 */
public final class ShopDemand {
    private final int year;
    private double baseCores = 1_000;
    private double weekend = 1.2;
    private double blackFriday = 20;
    private double cyberMonday = 15;
    private double noise = 0.08;
    private long seed = 2014;

    private ShopDemand(int year) {
        this.year = year;
    }

    /** The model for one calendar year, with the defaults above. */
    public static ShopDemand year(int year) {
        if (year < 1970 || year > 2200) {
            throw new IllegalArgumentException("year " + year + " is outside 1970..2200");
        }
        return new ShopDemand(year);
    }

    public ShopDemand baseCores(double cores) {
        this.baseCores = positive("base cores", cores);
        return this;
    }

    public ShopDemand weekend(double factor) {
        this.weekend = positive("weekend factor", factor);
        return this;
    }

    public ShopDemand blackFriday(double factor) {
        this.blackFriday = positive("Black Friday factor", factor);
        return this;
    }

    public ShopDemand cyberMonday(double factor) {
        this.cyberMonday = positive("Cyber Monday factor", factor);
        return this;
    }

    public ShopDemand noise(double sigma) {
        if (!(sigma >= 0 && sigma < 1)) {
            throw new IllegalArgumentException("noise must be between 0 and 1, not " + sigma);
        }
        this.noise = sigma;
        return this;
    }

    public ShopDemand seed(long seed) {
        this.seed = seed;
        return this;
    }

    private static double positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, not " + value);
        }
        return value;
    }

    public static LocalDate blackFridayOf(int year) {
        LocalDate thanksgiving = LocalDate.of(year, 11, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        return thanksgiving.plusDays(1);
    }

    public HourlyDemand generate() {
        LocalDateTime start = LocalDate.of(year, 1, 1).atStartOfDay();
        int hours = LocalDate.of(year, 1, 1).lengthOfYear() * 24;
        double[] cores = new double[hours];
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate friday = blackFridayOf(year);
        for (int h = 0; h < hours; h++) {
            LocalDateTime t = start.plusHours(h);
            double value = baseCores * timeOfDay(t.getHour()) * weekday(t.toLocalDate()) * season(t.toLocalDate())
                    * sale(t, friday);
            cores[h] = value * Math.exp(noise * random.nextGaussian() - noise * noise / 2);
        }
        return new HourlyDemand("shop " + year, start, cores);
    }

    /** 0.35 at 4 am, 1.0 at 8 pm, a cosine in between. */
    static double timeOfDay(int hour) {
        return 0.675 + 0.325 * Math.cos(2 * Math.PI * (hour - 20) / 24.0);
    }

    private double weekday(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? weekend : 1;
    }

    /** Grows from 1 on November 1 to 1.5 on December 20, then back to 1 by December 27. */
    static double season(LocalDate day) {
        LocalDate from = LocalDate.of(day.getYear(), 11, 1);
        LocalDate top = LocalDate.of(day.getYear(), 12, 20);
        LocalDate end = LocalDate.of(day.getYear(), 12, 27);
        if (day.isBefore(from) || !day.isBefore(end)) {
            return 1;
        }
        if (!day.isAfter(top)) {
            return 1 + 0.5 * (day.toEpochDay() - from.toEpochDay()) / (double) (top.toEpochDay() - from.toEpochDay());
        }
        return 1.5 - 0.5 * (day.toEpochDay() - top.toEpochDay()) / (double) (end.toEpochDay() - top.toEpochDay());
    }

    private double sale(LocalDateTime t, LocalDate friday) {
        LocalDate day = t.toLocalDate();
        if (day.equals(friday.minusDays(1))) {
            return t.getHour() >= 18 ? 3 : 1;      // the sale opens on Thanksgiving evening
        }
        if (day.equals(friday)) {
            return blackFriday;
        }
        if (day.equals(friday.plusDays(1))) {
            return 8;
        }
        if (day.equals(friday.plusDays(2))) {
            return 6;
        }
        if (day.equals(friday.plusDays(3))) {
            return cyberMonday;
        }
        return 1;
    }

    @Override
    public String toString() {
        return String.format("shop demand %d: base %.0f cores, weekend x%.2f, Black Friday (%s) x%.1f, Cyber Monday x%.1f,"
                + " noise sigma %.2f, seed %d", year, baseCores, weekend, blackFridayOf(year), blackFriday, cyberMonday,
                noise, seed);
    }
}
