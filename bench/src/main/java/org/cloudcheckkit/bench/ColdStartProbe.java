package org.cloudcheckkit.bench;

import java.nio.file.Path;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.localaws.StackTemplate;

/** A quick look at cold starts while tuning: every function, a few runs each, printed. */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        Path root = BenchStack.findProjectRoot();
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (BenchStack stack = BenchStack.start(root)) {
            ColdStart coldStart = new ColdStart(stack, ColdStart.jarOf(root, "functions/target/functions.jar"),
                    ColdStart.jarOf(root, "bench/launcher/target/bench-launcher.jar"), "java",
                    root.resolve("bench/out/work"));
            for (ServerlessFunction function : StackTemplate.read(root.resolve("template.yaml")).functions()) {
                if (args.length > 1 && !function.logicalId().equals(args[1])) {
                    continue;
                }
                ColdStart.Result result = coldStart.measure(function, repetitions, true);
                System.out.printf("%-30s median %5d ms  floor %4d ms  SDK floor %4d ms  ratio %s  runs %s  answer %s  %s%n",
                        result.function(), result.median(), result.floorMedian(), result.sdkFloorMedian(),
                        Statistics.ratio(result.median(), result.floorMedian()), result.runs(), result.answer(), result.phases());
            }
        }
    }
}
