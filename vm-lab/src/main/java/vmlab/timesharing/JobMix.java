package vmlab.timesharing;

import java.util.List;
import java.util.Random;

/**
 * The jobs users submit, each equally likely. The standard mix is a day at a 1960s computing centre in miniature: a
 * trivial command, small computations of a fraction of a second, one program that reads a line typed at the terminal,
 * and one long computation (about 3 CPU-seconds at the default clock, against a quarter of a second or less for the others)
 * that holds everyone up under batch.
 */
public record JobMix(List<Job> jobs) {
    public static final JobMix STANDARD = new JobMix(List.of(
            Job.of("hello"),
            Job.of("fib 12"),
            Job.of("matmul 8"),
            Job.of("sieve 1000"),
            Job.of("quicksort 100"),
            Job.of("crc32 -", "LIST\n"),
            Job.of("loop 100000")));

    public JobMix {
        if (jobs == null || jobs.isEmpty()) {
            throw new IllegalArgumentException("a job mix needs at least one job");
        }
        jobs = List.copyOf(jobs);
    }

    public static JobMix of(Job... jobs) {
        return new JobMix(List.of(jobs));
    }

    /** A mix of jobs without input, from command lines. */
    public static JobMix of(String... commands) {
        return new JobMix(java.util.Arrays.stream(commands).map(Job::of).toList());
    }

    Job pick(Random random) {
        return jobs.get(random.nextInt(jobs.size()));
    }

    @Override
    public String toString() {
        return "job mix " + jobs;
    }
}
