package dev.ecsmedic.core.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that opens no socket: every request the SDK has marshalled and signed is answered from a canned
 * body for its operation ({@code priming/OPERATION.json} or {@code .xml} beside this class; an empty answer when
 * there is none), so the response unmarshallers run too. It records the operations and hosts it was asked for.
 * Only priming uses it.
 */
final class CannedHttpClient implements SdkHttpClient {

    /** One request as this client saw it: the operation and the host the SDK addressed it to. */
    record Asked(String operation, String host) {}

    private final List<Asked> asked = new ArrayList<>();

    synchronized List<Asked> asked() {
        return List.copyOf(asked);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return answer(request);
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    private synchronized HttpExecuteResponse answer(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        Protocol protocol = Protocol.of(http);
        String operation = protocol.operation(http, body(request));
        asked.add(new Asked(operation, http.host()));
        byte[] canned = protocol.answer(operation);
        SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(200)
                .putHeader("Content-Type", protocol.contentType)
                .putHeader("Content-Length", String.valueOf(canned.length)).putHeader("x-amzn-RequestId", "priming");
        if (protocol == Protocol.CBOR) {
            response.putHeader("smithy-protocol", "rpc-v2-cbor");
        }
        return HttpExecuteResponse.builder().response(response.build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(canned)))
                .build();
    }

    private static String body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(p -> {
            try (InputStream in = p.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse("");
    }

    @Override
    public void close() {
        // holds nothing
    }

    @Override
    public String clientName() {
        return "priming";
    }

    /** The three wire protocols of the clients the functions use, told apart by the request. */
    private enum Protocol {
        /** ECS, CloudWatch Logs, DynamoDB: {@code X-Amz-Target: Service_Version.Operation}. */
        JSON("application/x-amz-json-1.1"),
        /** CloudWatch: {@code POST /service/NAME/operation/OPERATION}, CBOR bodies. */
        CBOR("application/cbor"),
        /** SNS, IAM, EC2: a form body with {@code Action=OPERATION}, XML answers. */
        QUERY("text/xml");

        private final String contentType;

        Protocol(String contentType) {
            this.contentType = contentType;
        }

        static Protocol of(SdkHttpRequest http) {
            if (http.firstMatchingHeader("X-Amz-Target").isPresent()) {
                return JSON;
            }
            return http.encodedPath().contains("/operation/") ? CBOR : QUERY;
        }

        String operation(SdkHttpRequest http, String body) {
            return switch (this) {
                case JSON -> {
                    String target = http.firstMatchingHeader("X-Amz-Target").orElseThrow();
                    yield target.substring(target.lastIndexOf('.') + 1);
                }
                case CBOR -> http.encodedPath().substring(http.encodedPath().lastIndexOf('/') + 1);
                case QUERY -> {
                    for (String pair : body.split("&")) {
                        if (pair.startsWith("Action=")) {
                            yield URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
                        }
                    }
                    yield "";
                }
            };
        }

        byte[] answer(String operation) {
            if (this == CBOR) {
                return CBOR_TAGS.clone();
            }
            String name = "priming/" + operation + (this == JSON ? ".json" : ".xml");
            try (InputStream in = CannedHttpClient.class.getResourceAsStream(name)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String empty = this == JSON ? "{}" : "<" + operation + "Response><" + operation + "Result/></"
                    + operation + "Response>";
            return empty.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * CloudWatch's one call, ListTagsForResource, answered in CBOR: {@code {"Tags": [{"Key": "k", "Value": "v"}]}}
     * (a map of one pair, a text of 4 bytes, an array of one map of two pairs).
     */
    private static final byte[] CBOR_TAGS = {(byte) 0xa1, 0x64, 'T', 'a', 'g', 's', (byte) 0x81, (byte) 0xa2,
            0x63, 'K', 'e', 'y', 0x61, 'k', 0x65, 'V', 'a', 'l', 'u', 'e', 0x61, 'v'};
}
