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

/**
 * What {@code sam build} would find for each function of template.yaml: a Makefile target that copies a jar the
 * reactor built (the function modules are packaged before this module's tests run), holding the Handler class
 * with a public handleRequest Lambda can call.
 */
class SamBuildArtifactsTest {

    private static final Pattern DEFINE = Pattern.compile("(?ms)^define (\\S+)\\n(.*?)^endef");
    private static final Pattern CALL = Pattern.compile("(?m)^\\$\\(eval \\$\\(call (\\S+?),([^)]*)\\)\\)");
    private static final Pattern COPY = Pattern.compile("(?m)^\\tcp (\\S+\\.jar) (\\S+)");

    @Test
    void everyFunctionsMakefileTargetCopiesABuiltJarHoldingItsHandler() throws Exception {
        SamTemplate template = SamTemplate.load(Cli.REPO.resolve("template.yaml"), Map.of("ClusterName", "c",
                "WatchedServices", "s", "LogGroupNames", "/g"));
        String makefile = expand(Files.readString(Cli.REPO.resolve("Makefile")));
        assertFalse(template.functions().isEmpty());
        for (FunctionSpec function : template.functions()) {
            assertEquals("makefile", function.buildMethod(), function.logicalId() + " Metadata BuildMethod");
            Matcher target = Pattern.compile("(?ms)^build-" + function.logicalId() + ":\\n((?:\\t.*\\n?)+)")
                    .matcher(makefile);
            assertTrue(target.find(), "no Makefile target build-" + function.logicalId());
            Matcher copy = COPY.matcher(target.group(1));
            assertTrue(copy.find(), "build-" + function.logicalId() + " copies no jar");
            assertTrue(copy.group(2).startsWith("\"$(ARTIFACTS_DIR)/lib"), "jar must land in lib/: " + copy.group(2));
            Path jar = Path.of(copy.group(1).replace("$(CURDIR)", Cli.REPO.toString()));
            assertTrue(Files.isRegularFile(jar), jar + " not built: the reactor packages it before cli's tests");
            assertFresh(jar);
            assertHandler(jar, function);
        }
    }

    /** Expands {@code $(eval $(call NAME,a,b))} of a {@code define NAME} as make does, for the rules it makes. */
    private static String expand(String makefile) {
        Map<String, String> defines = new HashMap<>();
        Matcher define = DEFINE.matcher(makefile);
        while (define.find()) {
            defines.put(define.group(1), define.group(2));
        }
        StringBuilder expanded = new StringBuilder(makefile).append('\n');
        Matcher call = CALL.matcher(makefile);
        while (call.find()) {
            String body = defines.getOrDefault(call.group(1), "");
            String[] args = call.group(2).split(",");
            for (int i = 0; i < args.length; i++) {
                body = body.replace("$(" + (i + 1) + ")", args[i].trim());
            }
            expanded.append(body).append('\n');
        }
        return expanded.toString();
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
