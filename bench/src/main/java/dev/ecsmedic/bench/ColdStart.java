package dev.ecsmedic.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.SimulatedAccount;
import dev.ecsmedic.cli.Simulation;
import dev.ecsmedic.cli.runtime.LocalInvocation;
import dev.ecsmedic.core.InvocationClock;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenarios;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole-process cold benchmark (run by {@code bench/cold-start.sh}): each function's shrunk Lambda jar in
 * AWS's runtime interface client with java21's flags, against a local Runtime API and the simulator holding the
 * world its event needs, timed from process start to the posted response; with an application class-data archive
 * (the local stand-in for a primed SnapStart restore); alternating in the same run with a bare JVM, a bare handler
 * in the same client and the Node.js peer. Prints medians, min, max, peak RSS and ratios to Node, the classes one
 * cold invocation loads by package, and the AWS calls of a cold and a warm invocation.
 *
 * <p>Arguments: {@code RUNS [NODE_PEER_DIR [BASELINE_JARS_DIR]]}, from the repository root. A baseline folder
 * holds the three {@code *-lambda.jar} of another build (an earlier commit): each function then also runs from it,
 * in the same alternation, so a change is measured against what it replaces in one run.
 */
public final class ColdStart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("template.yaml");
    static final String LAMBDA_PROXIES = "(lambda proxies, any package)";
    private static final String BENCH_JAR = Path.of("bench/target/ecs-medic-bench.jar").toAbsolutePath().toString();

    /**
     * A function, the event whose decision needs every read, the world it is read from, the decision expected.
     * The exec-rollout event is a completed rollout whose task lacks exec: its readiness checks run (EC2, IAM).
     */
    record Case(String name, String logicalId, String module, String event, String world, String decision) {}

    static final List<Case> CASES = List.of(
            new Case("stale-lock", "StaleLockRemediatorFunction", "stale-lock-remediator",
                    "ecs-task-stopped-lock-error.json", "prometheus-efs-lock@60", "STOP_STALE_TASKS"),
            new Case("alarm", "AlarmRemediatorFunction", "alarm-remediator",
                    "cloudwatch-alarm-lock-errors.json", "alarm-lock-errors@60", "STOP_STALE_TASKS"),
            new Case("exec-rollout", "ExecRolloutFunction", "exec-rollout",
                    "ecs-deployment-completed.json", "exec-enable-prometheus@10", "EXEC_NOT_READY"));

    /** One row of the table: how to make one timed sample, checked. */
    interface Variant {
        Launch.Result run() throws Exception;
    }

    /** A handler in the runtime interface client: its class path, environment and the answer it must give. */
    record InClient(String name, List<String> flags, String classpath, String handler, Map<String, String> env,
                    String arn, EcsWorld world, byte[] event, String decision) {

        /** The simulator's count of the AWS calls it received so far (none without a world). */
        IntSupplier calls() {
            return () -> world == null ? 0 : world.apiCalls().size();
        }

        /** The operations of the AWS calls made during {@code answer}'s invocation. */
        List<String> operations(RuntimeApi.Answer answer) {
            return world.apiCalls().subList(answer.markAtEvent(), answer.markAtAnswer()).stream()
                    .map(EcsWorld.ApiCall::operation).toList();
        }
    }

    private final Path work;
    private final Launch launch;
    private final List<String> runtimeFlags;
    private final String ricClasspath;

    private ColdStart(Path work) throws IOException {
        this.work = work;
        this.launch = new Launch(work);
        List<String> jars;
        try (Stream<Path> files = Files.list(Path.of("bench/target/ric"))) {
            jars = files.map(p -> p.toAbsolutePath().toString()).sorted().toList();
        }
        ricClasspath = String.join(File.pathSeparator, jars);
        runtimeFlags = List.of("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
                + nativeClient(jars.stream().filter(j -> j.contains("runtime-interface-client")).findFirst()
                .orElseThrow()));
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path peer = args.length > 1 && !args[1].isBlank() ? Path.of(args[1]) : null;
        Path baseline = args.length > 2 && !args[2].isBlank() ? Path.of(args[2]).toAbsolutePath() : null;
        Path work = Files.createTempDirectory("cold-start");
        List<SimulatedAccount> accounts = new ArrayList<>();
        try {
            new ColdStart(work).run(runs, peer, baseline, accounts);
        } finally {
            accounts.forEach(SimulatedAccount::close);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(int runs, Path peer, Path baseline, List<SimulatedAccount> accounts) throws Exception {
        Map<String, Variant> variants = new LinkedHashMap<>();
        Map<String, Map<String, Long>> classes = new LinkedHashMap<>();
        Map<String, List<List<String>>> calls = new LinkedHashMap<>();
        variants.put("bare JVM, one line", () -> launch.toExit(javaHello(), Map.of("PATH", path()), log("hello")));
        InClient bare = new InClient("bare handler in the client", runtimeFlags,
                ricClasspath + File.pathSeparator + BENCH_JAR, BareHandler.class.getName() + "::handleRequest",
                Map.of("PATH", path()), arn("bare"), null, "{}".getBytes(), null);
        classes.put(bare.name(), classesLoaded(bare));
        variants.put(bare.name(), () -> invoke(bare, List.of()));
        SimulatedAccount lockWorld = null;
        List<InClient> functions = new ArrayList<>();
        for (Case c : CASES) {
            SimulatedAccount account = SimulatedAccount.start(c.world());
            accounts.add(account);
            lockWorld = lockWorld == null ? account : lockWorld;
            functions.add(inClient(c, c.name(), Path.of("functions", c.module(), "target"), account));
            if (baseline != null) {
                functions.add(inClient(c, c.name() + " (baseline)", baseline, account));
            }
        }
        if (peer != null && Files.isDirectory(peer.resolve("node_modules"))) {
            String endpoint = lockWorld.simulator().endpoint().toString();
            variants.put("Node.js peer", () -> node(peer, endpoint));
        } else {
            System.err.println("(Node.js peer skipped: give a node-peer folder with node_modules as the second "
                    + "argument)");
        }
        for (InClient f : functions) {
            Path archive = work.resolve(f.name() + ".jsa");
            // unmeasured: writes the archive, and gives the AWS calls of a cold and a warm invocation
            Launch.Result first = launch.runtime(concat(f.flags(), List.of("-XX:ArchiveClassesAtExit=" + archive)),
                    f.classpath(), f.handler(), f.env(), f.arn(), f.calls(), List.of(f.event(), f.event()), true,
                    log(f.name()));
            first.answers().forEach(a -> check(f, a));
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("no class-data archive written: " + Files.readString(log(f.name())));
            }
            calls.put(f.name(), first.answers().stream().map(f::operations).toList());
            classes.put(f.name(), classesLoaded(f));
            variants.put(f.name(), () -> invoke(f, List.of()));
            variants.put(f.name() + ", app CDS", () -> invoke(f, List.of("-XX:SharedArchiveFile=" + archive)));
        }
        Map<String, List<Launch.Result>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, Variant> v : variants.entrySet()) {
                samples.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(v.getValue().run());
            }
        }
        Report.print(samples, classes, calls, runs);
    }

    /**
     * The function as Lambda starts it, from the jar in {@code jars}: the template's environment, Lambda's own
     * variables, the simulator.
     */
    private InClient inClient(Case c, String name, Path jars, SimulatedAccount account) throws IOException {
        Map<String, String> parameters = new HashMap<>(account.parameterDefaults());
        parameters.put("DryRun", "true");
        FunctionSpec spec = Simulation.provision(SamTemplate.load(TEMPLATE, parameters), account.world())
                .function(c.logicalId()).orElseThrow();
        LocalInvocation lambda = new LocalInvocation(spec, SimulatedAccount.REGION,
                SamTemplate.DEFAULT_PSEUDO_PARAMETERS.get("AWS::AccountId"), Map.of("PATH", path()),
                SimulatedAccount.CREDENTIALS, Map.of());
        Map<String, String> env = new TreeMap<>(lambda.environment(spec.environment()));
        env.put("AWS_ENDPOINT_URL", account.simulator().endpoint().toString());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        Path jar = jars.resolve(c.module() + "-lambda.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: bench/cold-start.sh builds it");
        }
        // the simulated world's virtual time, as ecs-medic invoke --simulate gives it
        List<String> flags = concat(runtimeFlags,
                List.of("-D" + InvocationClock.PROPERTY + "=" + account.world().now()));
        return new InClient(name, flags, ricClasspath + File.pathSeparator + jar, spec.handler(), env,
                arn(spec.logicalId()), account.world(),
                Files.readAllBytes(Path.of("events", c.event())), c.decision());
    }

    private Launch.Result invoke(InClient f, List<String> flags) throws Exception {
        Launch.Result result = launch.runtime(concat(f.flags(), flags), f.classpath(), f.handler(), f.env(),
                f.arn(), f.calls(), List.of(f.event()), false, log(f.name()));
        check(f, result.answers().get(0));
        return result;
    }

    /** One extra cold invocation with class loading logged: the classes it loaded, counted by package. */
    private Map<String, Long> classesLoaded(InClient f) throws Exception {
        Path classLog = work.resolve(f.name().replace(' ', '-') + ".classes");
        Launch.Result result = launch.runtime(concat(f.flags(), List.of("-Xlog:class+load:file=" + classLog)),
                f.classpath(), f.handler(), f.env(), f.arn(), f.calls(), List.of(f.event()), true, log(f.name()));
        check(f, result.answers().get(0));
        try (Stream<String> lines = Files.lines(classLog)) {
            return lines.filter(l -> l.contains("[class,load] "))
                    .map(l -> l.substring(l.indexOf("[class,load] ") + 13).split(" ", 2)[0])
                    .collect(Collectors.groupingBy(ColdStart::packageOf, TreeMap::new, Collectors.counting()));
        }
    }

    /** A class's package; the lambda proxies spun at run time, of any package, counted together. */
    private static String packageOf(String className) {
        if (className.contains("$$Lambda$")) {
            return LAMBDA_PROXIES;
        }
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "(default package)" : className.substring(0, dot);
    }

    private static void check(InClient f, RuntimeApi.Answer answer) {
        try {
            String got = f.decision() == null ? answer.body()
                    : JSON.readTree(answer.body()).path("decision").asText();
            String expected = f.decision() == null ? BareHandler.ANSWER : f.decision();
            if (answer.error() || !got.equals(expected)) {
                throw new IllegalStateException(f.name() + " answered " + answer.body() + ", expected " + expected);
            }
        } catch (IOException e) {
            throw new IllegalStateException(f.name() + " answered no JSON: " + answer.body(), e);
        }
    }

    private Launch.Result node(Path peer, String endpoint) throws Exception {
        Path out = log("node");
        Launch.Result result = launch.toExit(List.of("node", peer.resolve("peer.mjs").toString(), endpoint,
                Scenarios.CLUSTER, Scenarios.PROMETHEUS, Scenarios.PROMETHEUS_LOG_GROUP),
                Map.of("PATH", path(), "AWS_REGION", SimulatedAccount.REGION), out);
        if (!Files.readString(out).contains("\"services\":1")) {
            throw new IllegalStateException("the Node.js peer read no service: " + Files.readString(out));
        }
        return result;
    }

    private List<String> javaHello() {
        return concat(List.of(Launch.JAVA), concat(Launch.LAMBDA_FLAGS,
                List.of("-cp", BENCH_JAR, Hello.class.getName())));
    }

    /** The client's JNI library for this machine, unpacked once (the client would unpack it at every start). */
    private Path nativeClient(String ric) throws IOException {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        Path target = work.resolve("libaws-lambda-jni.so");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(ric);
             InputStream in = zip.getInputStream(zip.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so"))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private Path log(String name) {
        return work.resolve(name.replace(' ', '-') + ".log");
    }

    private static String arn(String function) {
        return "arn:aws:lambda:" + SimulatedAccount.REGION + ":"
                + SamTemplate.DEFAULT_PSEUDO_PARAMETERS.get("AWS::AccountId") + ":function:" + function;
    }

    private static String path() {
        return System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
