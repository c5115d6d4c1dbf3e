package org.cloudcheckkit.localaws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** The values of CloudFormation's {@code AWS::...} pseudo parameters for a local stack. */
public record PseudoParameters(String stackName, Region region, String accountId) {

    /** moto's account; emulators accept any credentials, so no real account is ever named. */
    public static final String EMULATOR_ACCOUNT_ID = "123456789012";

    public static PseudoParameters local(String stackName, Region region) {
        return new PseudoParameters(stackName, region, EMULATOR_ACCOUNT_ID);
    }

    public String partition() {
        return PartitionMetadata.of(region).id();
    }

    public String urlSuffix() {
        return PartitionMetadata.of(region).dnsSuffix();
    }

    /** The value of {@code name}; empty when it is no pseudo parameter. {@code AWS::NoValue} is the resolver's own. */
    Optional<Object> value(String name) {
        return Optional.ofNullable(switch (name) {
            case "AWS::Region" -> region.id();
            case "AWS::AccountId" -> accountId;
            case "AWS::StackName" -> stackName;
            case "AWS::StackId" -> "arn:" + partition() + ":cloudformation:" + region.id() + ":" + accountId + ":stack/"
                    + stackName + "/" + UUID.nameUUIDFromBytes(stackName.getBytes(StandardCharsets.UTF_8));
            case "AWS::Partition" -> partition();
            case "AWS::URLSuffix" -> urlSuffix();
            case "AWS::NotificationARNs" -> List.of();
            default -> null;
        });
    }
}
