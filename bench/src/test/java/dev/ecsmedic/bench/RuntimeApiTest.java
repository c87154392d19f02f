package dev.ecsmedic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The local Runtime API as a runtime client sees it: next, then response or error, with the calls marked. */
class RuntimeApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void handsOutTheEventWithLambdasHeadersAndTakesItsResponse() throws Exception {
        AtomicInteger calls = new AtomicInteger(3);
        try (RuntimeApi api = new RuntimeApi("arn:aws:lambda:us-east-1:123456789012:function:f", calls::get)) {
            CompletableFuture<RuntimeApi.Answer> answer = api.invoke("{\"a\":1}".getBytes());
            HttpResponse<String> next = get(api, "invocation/next");
            assertEquals(200, next.statusCode());
            assertEquals("{\"a\":1}", next.body());
            String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
            assertEquals("arn:aws:lambda:us-east-1:123456789012:function:f",
                    next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
            long deadline = Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertTrue(deadline > System.currentTimeMillis());
            assertFalse(answer.isDone());

            calls.set(8);
            assertEquals(404, post(api, "invocation/another-id/response", "{}").statusCode());
            assertEquals(202, post(api, "invocation/" + id + "/response", "{\"ok\":true}").statusCode());
            RuntimeApi.Answer got = api.await(answer, new CompletableFuture<>(), 5);
            assertEquals("{\"ok\":true}", got.body());
            assertFalse(got.error());
            assertEquals(3, got.markAtEvent());
            assertEquals(8, got.markAtAnswer());
        }
    }

    @Test
    void anErrorOrAnInitErrorIsAnErrorAnswerAndAnExitWithoutAnswerFails() throws Exception {
        try (RuntimeApi api = new RuntimeApi("arn", () -> 0)) {
            CompletableFuture<RuntimeApi.Answer> answer = api.invoke("{}".getBytes());
            String id = get(api, "invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id")
                    .orElseThrow();
            assertEquals(202, post(api, "invocation/" + id + "/error", "{\"errorType\":\"X\"}").statusCode());
            assertTrue(api.await(answer, new CompletableFuture<>(), 5).error());
        }
        try (RuntimeApi api = new RuntimeApi("arn", () -> 0)) {
            CompletableFuture<RuntimeApi.Answer> answer = api.invoke("{}".getBytes());
            assertEquals(202, post(api, "init/error", "{\"errorType\":\"Init\"}").statusCode());
            assertTrue(api.await(answer, new CompletableFuture<>(), 5).error());
        }
        try (RuntimeApi api = new RuntimeApi("arn", () -> 0)) {
            CompletableFuture<RuntimeApi.Answer> answer = api.invoke("{}".getBytes());
            assertThrows(IllegalStateException.class,
                    () -> api.await(answer, CompletableFuture.completedFuture(null), 5));
        }
    }

    private HttpResponse<String> get(RuntimeApi api, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(api, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RuntimeApi api, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(api, path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(RuntimeApi api, String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }
}
