package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class EmulatorSupportTest {

    @Test
    void settingTheEmulatorDoesNotImplementIsSkipped() {
        assertDoesNotThrow(() -> EmulatorSupport.applyIfSupported("a setting", () -> {
            throw failure(501, "InternalFailure");
        }));
        assertDoesNotThrow(() -> EmulatorSupport.applyIfSupported("a setting", () -> {
            throw failure(400, "UnknownOperationException");
        }));
    }

    @Test
    void anyOtherFailureStillFails() {
        AwsServiceException denied = failure(400, "ValidationException");

        assertSame(denied, assertThrows(AwsServiceException.class,
                () -> EmulatorSupport.applyIfSupported("a setting", () -> {
                    throw denied;
                })));
    }

    private static AwsServiceException failure(int status, String code) {
        return AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .build();
    }
}
