package org.cloudcheckkit.localaws;

import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Makes {@code AWS::S3::Bucket}s in the stack's region with their versioning, default encryption, public access
 * block and object ownership. A bucket that exists already keeps its objects and their versions, and is configured
 * again. Not applied: LifecycleConfiguration (no emulator expires objects, so it would change nothing a
 * test can see), Tags, CORS, notifications, logging and replication.
 */
final class S3Buckets implements ResourceCreator {

    static final String TYPE = "AWS::S3::Bucket";

    private final S3Client s3;
    private final PseudoParameters stack;

    S3Buckets(S3Client s3, PseudoParameters stack) {
        this.s3 = s3;
        this.stack = stack;
    }

    @Override
    public LocalResource create(String logicalId, PropertyMap properties) {
        String name = properties.optionalString("BucketName").orElseGet(() -> PhysicalNames.bucket(stack.stackName(), logicalId));
        if (!exists(name)) {
            s3.createBucket(createRequest(name));
        }
        properties.optionalMap("VersioningConfiguration").ifPresent(versioning -> s3.putBucketVersioning(request -> request
                .bucket(name)
                .versioningConfiguration(configuration -> configuration.status(versioning.requiredString("Status")))));
        properties.optionalMap("BucketEncryption").ifPresent(encryption -> s3.putBucketEncryption(request -> request
                .bucket(name)
                .serverSideEncryptionConfiguration(configuration -> configuration.rules(
                        encryption.maps("ServerSideEncryptionConfiguration").stream().map(S3Buckets::encryptionRule).toList()))));
        properties.optionalMap("PublicAccessBlockConfiguration").ifPresent(block ->
                EmulatorSupport.applyIfSupported("public access block of bucket " + name, () -> s3.putPublicAccessBlock(request -> request
                        .bucket(name)
                        .publicAccessBlockConfiguration(configuration -> configuration
                                .blockPublicAcls(block.optionalBoolean("BlockPublicAcls").orElse(false))
                                .blockPublicPolicy(block.optionalBoolean("BlockPublicPolicy").orElse(false))
                                .ignorePublicAcls(block.optionalBoolean("IgnorePublicAcls").orElse(false))
                                .restrictPublicBuckets(block.optionalBoolean("RestrictPublicBuckets").orElse(false))))));
        properties.optionalMap("OwnershipControls").ifPresent(ownership ->
                EmulatorSupport.applyIfSupported("ownership controls of bucket " + name, () -> s3.putBucketOwnershipControls(request -> request
                        .bucket(name)
                        .ownershipControls(controls -> controls.rules(ownership.maps("Rules").stream()
                                .map(rule -> OwnershipControlsRule.builder()
                                        .objectOwnership(rule.requiredString("ObjectOwnership"))
                                        .build())
                                .toList())))));
        return new LocalResource(logicalId, TYPE, name, name, Map.of(
                "Arn", "arn:" + stack.partition() + ":s3:::" + name,
                "DomainName", name + ".s3." + stack.urlSuffix(),
                "RegionalDomainName", name + ".s3." + stack.region().id() + "." + stack.urlSuffix()));
    }

    private boolean exists(String name) {
        try {
            s3.headBucket(request -> request.bucket(name));
            return true;
        } catch (NoSuchBucketException absent) {
            return false;
        }
    }

    /** us-east-1 is S3's default location and must not be named as a constraint. */
    private CreateBucketRequest createRequest(String name) {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name);
        if (!stack.region().equals(Region.US_EAST_1)) {
            request.createBucketConfiguration(configuration -> configuration.locationConstraint(stack.region().id()));
        }
        return request.build();
    }

    private static ServerSideEncryptionRule encryptionRule(PropertyMap rule) {
        PropertyMap byDefault = rule.mapOrEmpty("ServerSideEncryptionByDefault");
        return ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(encryption -> encryption
                        .sseAlgorithm(byDefault.requiredString("SSEAlgorithm"))
                        .kmsMasterKeyID(byDefault.optionalString("KMSMasterKeyID").orElse(null)))
                .bucketKeyEnabled(rule.optionalBoolean("BucketKeyEnabled").orElse(null))
                .build();
    }
}
