package dev.ecsmedic.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The cold benchmark's output: the table, the classes loaded by package, the AWS calls per invocation. */
final class Report {

    private static final String NODE = "Node.js peer";
    private static final int TOP_PACKAGES = 8;

    private Report() {}

    static void print(Map<String, List<Launch.Result>> samples, Map<String, Map<String, Long>> classes,
                      Map<String, List<List<String>>> calls, int runs) {
        Double node = samples.containsKey(NODE) ? median(samples.get(NODE).stream()
                .mapToDouble(Launch.Result::seconds).toArray()) : null;
        System.out.printf("%-32s %8s %8s %8s %9s %8s%n", "variant", "median", "min", "max", "RSS (MB)",
                "x Node");
        samples.forEach((name, results) -> {
            double[] seconds = results.stream().mapToDouble(Launch.Result::seconds).sorted().toArray();
            double wall = median(seconds);
            double rss = median(results.stream().mapToDouble(Launch.Result::rssMb).toArray());
            System.out.printf("%-32s %7.3fs %7.3fs %7.3fs %9.0f %8s%n", name, wall, seconds[0],
                    seconds[seconds.length - 1], rss, node == null ? "-" : String.format("%.2f", wall / node));
        });
        System.out.printf("%d alternating runs each; wall time from process start to the posted response (the "
                + "runtime client) or to exit; peak RSS by /usr/bin/time%n", runs);
        System.out.println();
        System.out.println("classes loaded by one cold invocation (top packages):");
        classes.forEach((name, byPackage) -> {
            long total = byPackage.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder top = new StringBuilder();
            byPackage.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                    .limit(TOP_PACKAGES).forEach(e -> top.append(String.format("%n    %5d %s", e.getValue(),
                            e.getKey())));
            System.out.printf("  %s: %d%s%n", name, total, top);
        });
        System.out.println();
        System.out.println("AWS calls per invocation (as the simulator received them):");
        calls.forEach((name, invocations) -> System.out.printf("  %-14s cold %d, warm %d: %s / %s%n", name,
                invocations.get(0).size(), invocations.get(1).size(), String.join(" ", invocations.get(0)),
                String.join(" ", invocations.get(1))));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
