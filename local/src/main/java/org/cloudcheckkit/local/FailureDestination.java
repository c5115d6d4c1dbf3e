package org.cloudcheckkit.local;

import software.amazon.awssdk.services.sqs.SqsClient;

/** Where an event source mapping sends the record of a batch it gave up on ({@code DestinationConfig.OnFailure}). */
interface FailureDestination {

    void send(String failureRecord);

    /** An SQS queue, as the template's {@code Type: SQS} destination. */
    static FailureDestination queue(SqsClient sqs, String queueUrl) {
        return new FailureDestination() {
            @Override
            public void send(String failureRecord) {
                sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(failureRecord));
            }

            @Override
            public String toString() {
                return queueUrl;
            }
        };
    }
}
