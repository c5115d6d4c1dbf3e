package org.cloudcheckkit.localaws;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Applies settings that AWS always supports but an emulator may not implement (point-in-time recovery, a bucket's
 * public access block...). Locally they change nothing a test can see, so an emulator that lacks one is no reason
 * to fail; any other error still is.
 */
final class EmulatorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorSupport.class);
    private static final int NOT_IMPLEMENTED = 501;
    private static final Set<String> UNSUPPORTED_CODES =
            Set.of("NotImplemented", "NotImplementedException", "UnknownOperationException", "InvalidAction");

    private EmulatorSupport() {
    }

    static void applyIfSupported(String setting, Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() != NOT_IMPLEMENTED && (code == null || !UNSUPPORTED_CODES.contains(code))) {
                throw e;
            }
            LOG.debug("Skipped {}: the emulator does not support it ({} {})", setting, e.statusCode(), code);
        }
    }
}
