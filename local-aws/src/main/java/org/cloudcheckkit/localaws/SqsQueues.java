package org.cloudcheckkit.localaws;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Makes {@code AWS::SQS::Queue}s. The template's properties are SQS attribute names already (MessageRetentionPeriod,
 * VisibilityTimeout, RedrivePolicy...); those written as objects (the policies) are sent as JSON text. A queue that
 * exists already keeps its messages and is given the template's attributes; one the template no longer sets keeps its value.
 */
final class SqsQueues implements ResourceCreator {

    static final String TYPE = "AWS::SQS::Queue";

    /** Properties that are not queue attributes: the name is the create call's own argument; tags change nothing locally. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("QueueName", "Tags");

    private final SqsClient sqs;
    private final String stackName;

    SqsQueues(SqsClient sqs, String stackName) {
        this.sqs = sqs;
        this.stackName = stackName;
    }

    @Override
    public LocalResource create(String logicalId, PropertyMap properties) {
        boolean fifo = properties.optionalBoolean("FifoQueue").orElse(false);
        String name = properties.optionalString("QueueName").orElseGet(() -> PhysicalNames.queue(stackName, logicalId, fifo));
        String url = createOrUpdate(name, attributes(properties));
        String arn = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new LocalResource(logicalId, TYPE, name, url, Map.of("Arn", arn, "QueueName", name, "QueueUrl", url));
    }

    private String createOrUpdate(String name, Map<QueueAttributeName, String> attributes) {
        String url;
        try {
            url = sqs.getQueueUrl(request -> request.queueName(name)).queueUrl();
        } catch (QueueDoesNotExistException absent) {
            return sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        }
        Map<QueueAttributeName, String> changeable = new HashMap<>(attributes);
        changeable.remove(QueueAttributeName.FIFO_QUEUE); // fixed when a queue is created; its name says it already
        if (!changeable.isEmpty()) {
            sqs.setQueueAttributes(request -> request.queueUrl(url).attributes(changeable));
        }
        return url;
    }

    private static Map<QueueAttributeName, String> attributes(PropertyMap properties) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        properties.values().forEach((property, value) -> {
            if (NOT_ATTRIBUTES.contains(property)) {
                return;
            }
            QueueAttributeName attribute = QueueAttributeName.fromValue(property);
            if (attribute == QueueAttributeName.UNKNOWN_TO_SDK_VERSION) {
                throw new TemplateException(properties.pathOf(property) + " is no SQS queue attribute, so it cannot be applied locally");
            }
            attributes.put(attribute, Scalar.text(value).orElseGet(() -> Json.write(value)));
        });
        return attributes;
    }
}
