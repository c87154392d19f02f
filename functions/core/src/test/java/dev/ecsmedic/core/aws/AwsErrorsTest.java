package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.AwsFailure.Kind;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.iam.model.IamException;

/** The one rule: what AWS answered decides whether a read becomes a note or the event is retried. */
class AwsErrorsTest {

    private static <B extends AwsServiceException.Builder> AwsServiceException error(B builder, int status,
                                                                                    String code) {
        builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code)
                .errorMessage(code + " happened").build());
        return (AwsServiceException) builder.build();
    }

    private static Kind kind(Exception e) {
        return AwsErrors.translate((software.amazon.awssdk.core.exception.SdkException) e).kind();
    }

    @Test
    void whatIsGoneIsNotFoundWhateverTheService() {
        assertEquals(Kind.NOT_FOUND, kind(error(CloudWatchLogsException.builder(), 400, "ResourceNotFoundException")));
        assertEquals(Kind.NOT_FOUND, kind(error(EcsException.builder(), 400, "ClusterNotFoundException")));
        assertEquals(Kind.NOT_FOUND, kind(error(IamException.builder(), 404, "NoSuchEntity")));
        assertEquals(Kind.NOT_FOUND, kind(error(Ec2Exception.builder(), 400, "InvalidSubnetID.NotFound")));
    }

    @Test
    void whatTheFunctionMayNotReadIsAccessDenied() {
        assertEquals(Kind.ACCESS_DENIED, kind(error(CloudWatchLogsException.builder(), 400, "AccessDeniedException")));
        assertEquals(Kind.ACCESS_DENIED, kind(error(Ec2Exception.builder(), 403, "UnauthorizedOperation")));
        assertEquals(Kind.ACCESS_DENIED, kind(error(IamException.builder(), 403, "AccessDenied")));
    }

    @Test
    void onlyWhatARetryCanFixIsUnavailable() {
        assertEquals(Kind.UNAVAILABLE, kind(error(EcsException.builder(), 400, "ThrottlingException")));
        assertEquals(Kind.UNAVAILABLE, kind(error(EcsException.builder(), 500, "ServerException")));
        assertEquals(Kind.UNAVAILABLE, kind(error(IamException.builder(), 503, "ServiceUnavailable")));
        assertEquals(Kind.UNAVAILABLE, kind(SdkClientException.create("Unable to execute HTTP request")));
        assertEquals(Kind.REJECTED, kind(error(EcsException.builder(), 400, "InvalidParameterException")));
        assertEquals(Kind.REJECTED, kind(error(IamException.builder(), 400, "InvalidInput")));
    }

    @Test
    void aNoteSaysAwsOwnCodeAndMessageAndARetryableFailureIsThrownInstead() {
        AwsFailure denied = AwsErrors.translate(error(Ec2Exception.builder(), 403, "UnauthorizedOperation"));
        assertEquals("UnauthorizedOperation: UnauthorizedOperation happened", AwsErrors.noteOrThrow(denied));
        assertTrue(denied.describe().startsWith("Ec2Exception: UnauthorizedOperation happened"), denied.describe());

        AwsFailure throttled = AwsErrors.translate(error(EcsException.builder(), 429, "TooManyRequestsException"));
        assertSame(throttled, assertThrows(AwsFailure.class, () -> AwsErrors.noteOrThrow(throttled)));
    }

    @Test
    void aCallThatFailsThrowsTheTranslatedFailureWithTheSdkExceptionAsCause() {
        AwsServiceException gone = error(EcsException.builder(), 400, "ServiceNotFoundException");
        AwsFailure failure = assertThrows(AwsFailure.class, () -> AwsErrors.call(() -> {
            throw gone;
        }));
        assertEquals(Kind.NOT_FOUND, failure.kind());
        assertSame(gone, failure.getCause());
    }
}
