package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class ServerUnavailableExceptionTest {
    @Test
    void noAnswerOrABusyOrFailingServiceIsTransient() {
        assertTrue(ServerUnavailableException.isTransient(SdkClientException.builder().cause(new UnknownHostException("x")).build()));
        assertTrue(ServerUnavailableException.isTransient(SdkClientException.builder()
                .cause(new UncheckedIOException(new SocketTimeoutException("read timed out"))).build()));
        assertTrue(ServerUnavailableException.isTransient(ApiCallTimeoutException.create(1000)));
        assertTrue(ServerUnavailableException.isTransient(service(500, "InternalServerError")));
        assertTrue(ServerUnavailableException.isTransient(service(503, "ServiceUnavailable")));
        assertTrue(ServerUnavailableException.isTransient(service(400, "ProvisionedThroughputExceededException")));
        assertTrue(ServerUnavailableException.isTransient(service(400, "ThrottlingException")));
    }

    @Test
    void configurationAndProgrammingFaultsAreNot() {
        assertFalse(ServerUnavailableException.isTransient(service(400, "ResourceNotFoundException")));
        assertFalse(ServerUnavailableException.isTransient(service(400, "AccessDeniedException")));
        assertFalse(ServerUnavailableException.isTransient(service(400, "ValidationException")));
        assertFalse(ServerUnavailableException.isTransient(SdkClientException.create("Unable to load credentials")));
    }

    private static AwsServiceException service(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }
}
