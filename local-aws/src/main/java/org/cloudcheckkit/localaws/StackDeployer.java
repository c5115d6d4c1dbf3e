package org.cloudcheckkit.localaws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates in an emulator what the template declares: every DynamoDB table, S3 bucket, SQS queue and Secrets Manager
 * secret, and a secret for each parameter ending in {@code SecretId}. Other resource types (functions, APIs, policies,
 * log groups, alarms) are not created.
 * Like a CloudFormation deploy, deploying again creates what is missing and updates what exists; unlike one, it never
 * deletes a resource or what it holds (items, objects and their versions, messages, a secret's value): an emulator
 * that outlives a run keeps its data. Empty resources come from an empty emulator ({@link AwsEmulator#reset}).
 *
 * <pre>{@code
 * LocalAws aws = StackDeployer.deploy(emulator, StackTemplate.read(Path.of("template.yaml")),
 *         StackOptions.defaults(System.getenv()));
 * }</pre>
 */
public final class StackDeployer {

    private StackDeployer() {
    }

    public static LocalAws deploy(AwsEmulator emulator, StackTemplate template, StackOptions options) {
        ServiceClients clients = ServiceClients.open(emulator);
        try {
            PseudoParameters stack = PseudoParameters.local(options.stackName(), emulator.region());
            TemplateSecrets secrets = new TemplateSecrets(clients.secretsManager(), options.secretSeeds(), options.stackName());
            Map<String, ResourceCreator> creators = Map.of(
                    DynamoDbTables.TYPE, new DynamoDbTables(clients.dynamoDb(), options.stackName()),
                    S3Buckets.TYPE, new S3Buckets(clients.s3(), stack),
                    SqsQueues.TYPE, new SqsQueues(clients.sqs(), options.stackName()),
                    TemplateSecrets.TYPE, secrets);
            Deployment deployment = new Deployment(template, options, stack, creators);
            Map<String, LocalResource> resources = deployment.createAll();
            secrets.seedParameters(template, deployment.resolver);
            return new LocalAws(emulator, clients, template, options, stack, resources, secrets.seeded());
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /**
     * Creates resources in dependency order without working the order out first: resolving a resource's
     * properties creates whatever they refer to (a queue's dead-letter queue, say) on demand.
     */
    private static final class Deployment {

        private final StackTemplate template;
        private final Map<String, ResourceCreator> creators;
        private final Map<String, LocalResource> created = new LinkedHashMap<>();
        private final Set<String> inProgress = new LinkedHashSet<>();
        private final IntrinsicResolver resolver;

        Deployment(StackTemplate template, StackOptions options, PseudoParameters stack, Map<String, ResourceCreator> creators) {
            this.template = template;
            this.creators = creators;
            this.resolver = new IntrinsicResolver(template, options.parameterOverrides(), stack, this::localResource);
        }

        Map<String, LocalResource> createAll() {
            template.resources().keySet().forEach(this::localResource);
            return Collections.unmodifiableMap(created);
        }

        /** The resource, created now if it was not yet; empty for types not created locally or whose condition is false. */
        private Optional<LocalResource> localResource(String logicalId) {
            LocalResource done = created.get(logicalId);
            if (done != null) {
                return Optional.of(done);
            }
            TemplateResource resource = template.resources().get(logicalId);
            ResourceCreator creator = creators.get(resource.type());
            if (creator == null || !resource.condition().map(resolver::condition).orElse(true)) {
                return Optional.empty();
            }
            if (!inProgress.add(logicalId)) {
                throw new TemplateException("Resources refer to each other in a cycle: " + inProgress + " -> " + logicalId);
            }
            PropertyMap properties = resource.propertyMap();
            PropertyMap resolved;
            try {
                resolved = PropertyMap.at(properties.path(), resolver.resolve(properties.values()).orElse(Map.of()));
            } catch (TemplateException e) {
                throw new TemplateException(properties.path() + ": " + e.getMessage(), e);
            }
            LocalResource made = creator.create(logicalId, resolved);
            inProgress.remove(logicalId);
            created.put(logicalId, made);
            return Optional.of(made);
        }
    }
}
