package dev.ecsmedic.cli.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Java runtime's part of one invocation, in the child JVM {@link LocalInvocation} starts with the
 * function's environment: load the class named by {@code _HANDLER}, construct it once, pass the event from stdin
 * and a {@link Context}, write the result (or Lambda's error document) to stdout. Anything the function prints
 * goes to stderr, as its log.
 */
final class LocalRuntime {

    static final int FUNCTION_ERROR = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRuntime() {}

    /** Arguments: request id, timeout in seconds, invoked function ARN. */
    public static void main(String[] args) throws Exception {
        PrintStream result = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        byte[] event = System.in.readAllBytes();
        Map<String, String> env = System.getenv();
        int timeoutSeconds = Integer.parseInt(args[1]);
        Object handler;
        Method method;
        try {
            String[] handlerName = env.get("_HANDLER").split("::", 2);
            Class<?> type = Class.forName(handlerName[0]);
            method = handlerMethod(type, handlerName.length > 1 ? handlerName[1] : "handleRequest");
            handler = Modifier.isStatic(method.getModifiers()) ? null : type.getConstructor().newInstance();
        } catch (Throwable e) {
            fail(result, initError(e));
            return;
        }
        LocalContext context = LocalContext.start(args[0], args[2], env, timeoutSeconds, System.err);
        Object target = handler;
        CompletableFuture<byte[]> invocation = CompletableFuture.supplyAsync(() -> {
            try {
                return invoke(target, method, event, context);
            } catch (InvocationTargetException e) {
                throw new FunctionError(e.getCause());
            } catch (Exception e) {
                throw new FunctionError(e);
            }
        }, r -> {
            Thread thread = new Thread(r, "main");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            result.write(invocation.get(timeoutSeconds * 1000L, TimeUnit.MILLISECONDS));
            result.flush();
            System.exit(0);
        } catch (TimeoutException e) {
            ObjectNode error = JSON.createObjectNode();
            error.put("errorMessage", Instant.now() + " " + context.getAwsRequestId() + " Task timed out after "
                    + String.format("%d.00", timeoutSeconds) + " seconds");
            error.put("errorType", "Sandbox.Timedout");
            fail(result, error);
        } catch (ExecutionException e) {
            Throwable thrown = e.getCause() instanceof FunctionError f ? f.getCause() : e.getCause();
            thrown.printStackTrace(System.err);
            fail(result, errorDocument(thrown));
        }
    }

    private static void fail(PrintStream result, ObjectNode error) {
        result.println(error.toString());
        result.flush();
        System.err.flush();
        Runtime.getRuntime().halt(FUNCTION_ERROR);
    }

    /**
     * The method Lambda would call: a RequestStreamHandler's, else the public method of that name taking
     * (input[, Context]); bridge methods of generic handlers are skipped so the input type is the declared one.
     */
    static Method handlerMethod(Class<?> type, String name) throws NoSuchMethodException {
        if (RequestStreamHandler.class.isAssignableFrom(type) && name.equals("handleRequest")) {
            return type.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
        }
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && m.getParameterCount() >= 1
                        && m.getParameterCount() <= 3)
                .min(Comparator.comparingInt(Method::getParameterCount).reversed())
                .orElseThrow(() -> new NoSuchMethodException("no public method " + name + " in " + type.getName()));
    }

    private static byte[] invoke(Object handler, Method method, byte[] event, Context context) throws Exception {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters[0] == InputStream.class) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Object[] args = parameters.length == 3
                    ? new Object[] {new ByteArrayInputStream(event), output, context}
                    : new Object[] {new ByteArrayInputStream(event), output};
            method.invoke(handler, args);
            return output.toByteArray();
        }
        JavaType input = JSON.getTypeFactory().constructType(method.getGenericParameterTypes()[0]);
        Object value = JSON.readValue(event, input);
        Object returned = parameters.length == 2
                ? method.invoke(handler, value, context)
                : method.invoke(handler, value);
        return method.getReturnType() == void.class ? "null".getBytes(StandardCharsets.UTF_8)
                : JSON.writeValueAsBytes(returned);
    }

    /** The document Lambda returns for an unhandled exception. */
    static ObjectNode errorDocument(Throwable thrown) {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", Optional.ofNullable(thrown.getMessage()).orElse(thrown.toString()));
        error.put("errorType", thrown.getClass().getName());
        ArrayNode trace = error.putArray("stackTrace");
        Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::toString).forEach(trace::add);
        if (thrown.getCause() != null && thrown.getCause() != thrown) {
            error.set("cause", errorDocument(thrown.getCause()));
        }
        return error;
    }

    private static ObjectNode initError(Throwable e) {
        Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
        cause.printStackTrace(System.err);
        ObjectNode error = errorDocument(cause);
        error.put("errorType", e instanceof ClassNotFoundException || e instanceof NoSuchMethodException
                ? "Runtime.ImportModuleError" : cause.getClass().getName());
        return error;
    }

    private static final class FunctionError extends RuntimeException {
        FunctionError(Throwable cause) {
            super(cause);
        }
    }
}
