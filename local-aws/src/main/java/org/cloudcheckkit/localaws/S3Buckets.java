package org.cloudcheckkit.localaws;

import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DefaultRetention;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Makes {@code AWS::S3::Bucket}s in the stack's region with their versioning, Object Lock and its default retention,
 * default encryption, public access block and object ownership. A bucket that exists already keeps its objects and
 * their versions, and is configured again. Not applied: LifecycleConfiguration (no emulator expires objects, so it would change nothing a
 * test can see), Tags, CORS, notifications, logging and replication.
 */
final class S3Buckets implements ResourceCreator {

    static final String TYPE = "AWS::S3::Bucket";
    /** What S3 answers when a bucket has no Object Lock configuration. */
    private static final int NOT_FOUND = 404;

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
            s3.createBucket(createRequest(name, properties.optionalBoolean("ObjectLockEnabled").orElse(false)));
        }
        properties.optionalMap("VersioningConfiguration").ifPresent(versioning -> s3.putBucketVersioning(request -> request
                .bucket(name)
                .versioningConfiguration(configuration -> configuration.status(versioning.requiredString("Status")))));
        properties.optionalMap("ObjectLockConfiguration").ifPresent(lock -> applyObjectLock(name, lock));
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

    /**
     * Puts the bucket's Object Lock configuration unless it has it already: an emulator may refuse any Object Lock
     * configuration on a bucket that holds objects (moto does), and one that outlives runs holds the last run's.
     */
    private void applyObjectLock(String name, PropertyMap lock) {
        PropertyMap retention = lock.mapOrEmpty("Rule").mapOrEmpty("DefaultRetention");
        ObjectLockConfiguration wanted = ObjectLockConfiguration.builder()
                .objectLockEnabled(lock.optionalString("ObjectLockEnabled").orElse(null))
                .rule(rule -> rule.defaultRetention(defaults -> defaults
                        .mode(retention.optionalString("Mode").orElse(null))
                        .days(retention.optionalLong("Days").map(Math::toIntExact).orElse(null))
                        .years(retention.optionalLong("Years").map(Math::toIntExact).orElse(null))))
                .build();
        if (!wanted.equals(objectLock(name))) {
            s3.putObjectLockConfiguration(request -> request.bucket(name).objectLockConfiguration(wanted));
        }
    }

    /** The bucket's Object Lock configuration, a period of 0 read as none (moto reports the one not set as 0). */
    private ObjectLockConfiguration objectLock(String name) {
        try {
            ObjectLockConfiguration lock = s3.getObjectLockConfiguration(request -> request.bucket(name)).objectLockConfiguration();
            if (lock.rule() == null || lock.rule().defaultRetention() == null) {
                return lock;
            }
            DefaultRetention retention = lock.rule().defaultRetention();
            return lock.toBuilder().rule(rule -> rule.defaultRetention(retention.toBuilder()
                    .days(nonZero(retention.days())).years(nonZero(retention.years())).build())).build();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static Integer nonZero(Integer period) {
        return period == null || period == 0 ? null : period;
    }

    /** us-east-1 is S3's default location and must not be named as a constraint. */
    private CreateBucketRequest createRequest(String name, boolean objectLock) {
        CreateBucketRequest.Builder request = CreateBucketRequest.builder().bucket(name).objectLockEnabledForBucket(objectLock);
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
