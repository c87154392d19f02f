package dev.ecsmedic.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report names the invocation Lambda ran, in the result and in the log line, so one can be found by the other. */
class FunctionHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReportCarriesLambdasRequestId() throws Exception {
        List<String> log = new ArrayList<>();
        FunctionHandler handler = new FunctionHandler(Functions.STALE_LOCK.compose(
                        AwsClients.local(java.net.URI.create("http://127.0.0.1:9")),
                        Map.of("CLUSTER_NAME", "observability", "WATCHED_SERVICES", "prometheus"))
                .log(log::add).build());
        Context context = mock(Context.class);
        when(context.getAwsRequestId()).thenReturn("8f5e7c1a-0c4e-4b8e-9a57-2f1d3c4b5a69");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, context);

        JsonNode report = JSON.readTree(out.toByteArray());
        assertEquals("NO_ACTION", report.path("decision").asText());
        assertEquals("8f5e7c1a-0c4e-4b8e-9a57-2f1d3c4b5a69", report.path("requestId").asText());
        assertEquals("8f5e7c1a-0c4e-4b8e-9a57-2f1d3c4b5a69", JSON.readTree(log.get(0)).path("requestId").asText());
    }
}
