package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sam build} would find for each function of template.yaml: a Makefile target that copies a jar the
 * reactor built (the function modules are packaged before this module's tests run), holding the Handler class
 * with a public handleRequest Lambda can call.
 */
class SamBuildArtifactsTest {

    private static final Pattern COPY = Pattern.compile("(?m)^cp (\\S+\\.jar) (\\S+)");

    @Test
    void everyFunctionsMakefileTargetCopiesABuiltJarHoldingItsHandler() throws Exception {
        SamTemplate template = SamTemplate.load(Cli.REPO.resolve("template.yaml"), Map.of("ClusterName", "c",
                "WatchedServices", "s", "LogGroupNames", "/g"));
        assertFalse(template.functions().isEmpty());
        for (FunctionSpec function : template.functions()) {
            assertEquals("makefile", function.buildMethod(), function.logicalId() + " Metadata BuildMethod");
            String recipe = make("-n", "build-" + function.logicalId(), "ARTIFACTS_DIR=/artifacts");
            Matcher copy = COPY.matcher(recipe);
            assertTrue(copy.find(), "build-" + function.logicalId() + " copies no jar:\n" + recipe);
            assertTrue(copy.group(2).startsWith("\"/artifacts/lib"), "jar must land in lib/: " + copy.group(2));
            Path jar = Path.of(copy.group(1));
            assertTrue(Files.isRegularFile(jar), jar + " not built: the reactor packages it before cli's tests");
            assertFresh(jar);
            assertHandler(jar, function);
        }
    }

    @Test
    void makeDistShipsTheJarsAndATemplateWhoseFunctionsNameThem(@TempDir Path dist) throws Exception {
        make("-s", "dist-template", "DIST=" + dist);
        Map<String, String> parameters = Map.of("ClusterName", "c", "WatchedServices", "s", "LogGroupNames", "/g");
        SamTemplate source = SamTemplate.load(Cli.REPO.resolve("template.yaml"), parameters);
        SamTemplate shipped = SamTemplate.load(dist.resolve("template.yaml"), parameters);

        assertEquals(source.functions().size(), shipped.functions().size());
        for (FunctionSpec function : shipped.functions()) {
            Path jar = dist.resolve(function.codeUri());
            assertTrue(function.codeUri().endsWith("-lambda.jar") && Files.isRegularFile(jar),
                    function.logicalId() + " CodeUri " + function.codeUri());
            assertEquals("", function.buildMethod(), function.logicalId() + ": no makefile build in the shipment");
            assertHandler(jar, function);
        }
        for (String id : source.resources().keySet()) {
            assertEquals(withoutBuild(source.resource(id)), withoutBuild(shipped.resource(id)),
                    id + " is shipped as template.yaml declares it");
        }
    }

    /** A resource without what only the build changes: its CodeUri and its build metadata. */
    private static com.fasterxml.jackson.databind.JsonNode withoutBuild(com.fasterxml.jackson.databind.JsonNode resource) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = resource.deepCopy();
        copy.remove("Metadata");
        if (copy.path("Properties").isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("Properties")).remove("CodeUri");
        }
        return copy;
    }

    /** Runs make on the repository's Makefile and returns what it printed; a failure fails the test. */
    private static String make(String... arguments) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("make", "-C",
                Cli.REPO.toString()));
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "make did not end");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    private static void assertFresh(Path jar) throws IOException {
        Path classes = jar.getParent().resolve("classes");
        try (var files = Files.walk(classes)) {
            long newest = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
            assertTrue(jar.toFile().lastModified() >= newest, jar + " is older than its classes: run mvn verify");
        }
    }

    private static void assertHandler(Path jar, FunctionSpec function) throws Exception {
        String[] handler = function.handler().split("::", 2);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(handler[0], false, loader);
            assertTrue(Modifier.isPublic(type.getModifiers()), handler[0] + " is not public");
            type.getConstructor();
            Class<?> context = loader.loadClass(Context.class.getName());
            Method method = type.getMethod(handler.length > 1 ? handler[1] : "handleRequest",
                    InputStream.class, OutputStream.class, context);
            assertEquals(void.class, method.getReturnType());
            assertEquals(List.of(), List.of(method.getExceptionTypes()).stream()
                    .filter(e -> !IOException.class.isAssignableFrom(e) && !RuntimeException.class.isAssignableFrom(e))
                    .toList(), "checked exceptions Lambda's stream handler signature does not allow");
            assertTrue(loader.loadClass(RequestStreamHandler.class.getName()).isAssignableFrom(type),
                    handler[0] + " is not a RequestStreamHandler");
        }
    }
}
