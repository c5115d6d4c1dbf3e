package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackTemplateTest {

    @Test
    void everyShortFormTagBecomesItsLongForm() {
        Map<String, Object> properties = Templates.fixture("short-forms.yaml").resources().get("Thing").properties();

        assertEquals(Map.of("Ref", "Table"), properties.get("Ref"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-${Table}"), properties.get("SubScalar"));
        assertEquals(Map.of("Fn::Sub", List.of("${Prefix}-x", Map.of("Prefix", Map.of("Ref", "Env")))), properties.get("SubSequence"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")), properties.get("GetAttScalar"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "Arn")), properties.get("GetAttSequence"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of("a", Map.of("Ref", "Env")))), properties.get("Join"));
        assertEquals(Map.of("Fn::If", List.of("IsProd", 1, 2)), properties.get("If"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod")), properties.get("Equals"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))), properties.get("Not"));
        assertEquals(Map.of("Fn::And", List.of(Map.of("Condition", "IsProd"), Map.of("Condition", "IsNz"))), properties.get("And"));
        assertEquals(Map.of("Fn::Or", List.of(Map.of("Condition", "IsProd"), Map.of("Condition", "IsNz"))), properties.get("Or"));
        assertEquals(Map.of("Fn::Select", List.of(1, List.of("a", "b"))), properties.get("Select"));
        assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), properties.get("Split"));
        assertEquals(Map.of("Fn::FindInMap", List.of("Regions", "NZ", "Host")), properties.get("FindInMap"));
        assertEquals(Map.of("Fn::ImportValue", "shared-vpc"), properties.get("ImportValue"));
        assertEquals(Map.of("Fn::Base64", "hello"), properties.get("Base64"));
        assertEquals(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), properties.get("Cidr"));
        assertEquals(Map.of("Fn::GetAZs", ""), properties.get("GetAZs"));
    }

    @Test
    void getAttShortFormSplitsAtTheFirstDotOnly() {
        Map<String, Object> properties = Templates.fixture("short-forms.yaml").resources().get("Thing").properties();

        assertEquals(Map.of("Fn::GetAtt", List.of("Stack", "Outputs.Url")), properties.get("GetAttNested"));
    }

    @Test
    void unquotedDateStaysText() {
        Map<String, Object> properties = Templates.fixture("short-forms.yaml").resources().get("Thing").properties();

        assertEquals("2024-05-01", properties.get("Released"));
    }

    @Test
    void unknownTagIsReportedWithTheTemplateName() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Templates.inline("Resources:\n  A:\n    Type: X\n    Properties:\n      P: !Nope x\n"));

        assertTrue(error.getMessage().contains("inline template"), error.getMessage());
        assertTrue(error.getMessage().contains("!Nope"), error.getMessage());
    }

    @Test
    void duplicateKeysAreRejected() {
        TemplateException error = assertThrows(TemplateException.class,
                () -> Templates.inline("Resources:\n  A:\n    Type: X\n  A:\n    Type: Y\n"));

        assertTrue(error.getMessage().contains("duplicate key A"), error.getMessage());
    }

    @Test
    void templateWithoutResourcesIsRejected() {
        TemplateException error = assertThrows(TemplateException.class, () -> Templates.inline("Parameters: {}\n"));

        assertEquals("The template declares no Resources", error.getMessage());
    }

    @Test
    void projectTemplateParametersKeepTypeDefaultAndAllowedValues() {
        Map<String, TemplateParameter> parameters = Templates.project().parameters();

        assertEquals(new TemplateParameter("CloudcheckRegion", "String", Optional.of("NZ"), List.of("NZ", "AU")),
                parameters.get("CloudcheckRegion"));
        assertEquals(Optional.of(""), parameters.get("CloudcheckBaseUrl").defaultValue());
        assertEquals(new TemplateParameter("ArchiveRetentionDays", "Number", Optional.of("2557"), List.of()),
                parameters.get("ArchiveRetentionDays"));
    }

    @Test
    void projectTemplateGlobalsAndResourcesAreReadable() {
        StackTemplate template = Templates.project();

        assertEquals(Map.of("Ref", "Table"), PropertyMap.at("", template.globals("Function").get("Environment"))
                .mapOrEmpty("Variables").values().get("TABLE_NAME"));
        assertEquals(List.of("Table"), ids(template.resourcesOfType("AWS::DynamoDB::Table")));
        assertEquals(List.of("ArchiveBucket"), ids(template.resourcesOfType("AWS::S3::Bucket")));
        assertEquals(List.of("DeadLetterQueue"), ids(template.resourcesOfType("AWS::SQS::Queue")));
        assertEquals("AWS::S3::BucketPolicy", template.resources().get("ArchiveBucketPolicy").type());
    }

    @Test
    void projectTemplateFunctionsAndApiAreReadable() {
        StackTemplate template = Templates.project();

        assertFalse(template.functions().isEmpty());
        for (ServerlessFunction function : template.functions()) {
            assertTrue(function.handler().orElseThrow().startsWith("org.cloudcheckkit."), function.handler().orElseThrow());
            assertEquals(Map.of("Ref", "Table"), function.environment().get("TABLE_NAME"));
        }
        HttpApiResource api = template.httpApis().stream().filter(candidate -> candidate.logicalId().equals("HttpApi")).findFirst().orElseThrow();
        assertEquals(Optional.of("FrontEndJwt"), api.defaultAuthorizer());
    }

    @Test
    void functionEnvironmentIsGlobalsOverlaidWithItsOwn() {
        ServerlessFunction function = Templates.fixture("functions.yaml").function("Everything");

        assertEquals(List.of("TABLE_NAME", "STAGE", "SHARED", "STREAM", "SELF_ARN", "OPTIONAL"), List.copyOf(function.environment().keySet()));
        assertEquals("from-function", function.environment().get("SHARED"));
        assertEquals(Map.of("Ref", "Table"), function.environment().get("TABLE_NAME"));
        assertEquals(Optional.of("org.example.Everything::handleRequest"), function.handler());
    }

    @Test
    void globalsListsComeBeforeTheFunctionsOwn() {
        ServerlessFunction function = Templates.fixture("functions.yaml").function("Everything");

        assertEquals(List.of("global-layer", "own-layer"), function.properties().get("Layers"));
        assertEquals("java21", function.properties().get("Runtime"));
    }

    @Test
    void functionWithoutOwnHandlerTakesTheGlobalOne() {
        StackTemplate template = Templates.inline("""
                Globals:
                  Function:
                    Handler: org.example.Default::handleRequest
                Resources:
                  Plain:
                    Type: AWS::Serverless::Function
                """);

        assertEquals(Optional.of("org.example.Default::handleRequest"), template.function("Plain").handler());
    }

    @Test
    void unknownFunctionIsReportedWithTheKnownOnes() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Templates.fixture("functions.yaml").function("Missing"));

        assertTrue(error.getMessage().contains("[AuthorizerFunction, Everything]"), error.getMessage());
    }

    @Test
    void httpApiEventsKeepRouteApiAndAuth() {
        Map<String, FunctionEvent> events = events("Everything");

        FunctionEvent.HttpApi start = assertInstanceOf(FunctionEvent.HttpApi.class, events.get("Start"));
        assertEquals("POST /verifications", start.routeKey());
        assertEquals(Optional.of(Map.of("Ref", "Api")), start.apiId());
        assertEquals(Optional.of("NONE"), start.authorizer());

        FunctionEvent.HttpApi catchAll = assertInstanceOf(FunctionEvent.HttpApi.class, events.get("CatchAll"));
        assertEquals("$default", catchAll.routeKey());
        assertEquals(Optional.empty(), catchAll.apiId());
        assertEquals(Optional.empty(), catchAll.authorizer());
    }

    @Test
    void httpApiEventWithPathButNoMethodIsRejected() {
        TemplateException error = assertThrows(TemplateException.class, () -> Templates.inline("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Half:
                          Type: HttpApi
                          Properties:
                            Path: /x
                """));

        assertTrue(error.getMessage().contains("Resources.Fn.Properties (with Globals.Function).Events.Half.Properties"),
                error.getMessage());
    }

    @Test
    void scheduleEventsKeepExpressionAndState() {
        Map<String, FunctionEvent> events = events("Everything");

        assertEquals(new FunctionEvent.Schedule("Nightly", "Schedule", "cron(0 3 * * ? *)", true), events.get("Nightly"));
        assertEquals(new FunctionEvent.Schedule("Paused", "ScheduleV2", "rate(5 minutes)", false), events.get("Paused"));
    }

    @Test
    void dynamoDbEventKeepsEverySetting() {
        FunctionEvent.DynamoDb changes = assertInstanceOf(FunctionEvent.DynamoDb.class, events("Everything").get("Changes"));

        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")), changes.stream());
        assertEquals("TRIM_HORIZON", changes.startingPosition());
        assertEquals(10, changes.batchSize());
        assertEquals(2, changes.maximumRetryAttempts());
        assertTrue(changes.bisectBatchOnFunctionError());
        assertTrue(changes.reportsBatchItemFailures());
        assertEquals(List.of("{\"eventName\": [\"INSERT\"]}", "{\"eventName\":[\"MODIFY\"]}"), changes.filterPatterns());
        assertEquals(Optional.of(Map.of("Fn::GetAtt", List.of("Failures", "Arn"))), changes.onFailureDestination());
    }

    @Test
    void dynamoDbEventDefaultsAreLambdas() {
        FunctionEvent.DynamoDb defaults = assertInstanceOf(FunctionEvent.DynamoDb.class, events("Everything").get("Defaults"));

        assertEquals(100, defaults.batchSize());
        assertEquals(-1, defaults.maximumRetryAttempts());
        assertFalse(defaults.bisectBatchOnFunctionError());
        assertFalse(defaults.reportsBatchItemFailures());
        assertEquals(List.of(), defaults.filterPatterns());
        assertEquals(Optional.empty(), defaults.onFailureDestination());
    }

    @Test
    void otherEventTypesAreKeptAsWritten() {
        assertEquals(new FunctionEvent.Other("Queue", "SQS", Map.of("Queue", Map.of("Fn::GetAtt", List.of("Failures", "Arn")))),
                events("Everything").get("Queue"));
    }

    @Test
    void httpApisMergeGlobalsAndIncludeTheImplicitApi() {
        Map<String, HttpApiResource> apis = new HashMap<>();
        Templates.fixture("functions.yaml").httpApis().forEach(api -> apis.put(api.logicalId(), api));

        HttpApiResource declared = apis.get("Api");
        assertEquals(Optional.of("Keys"), declared.defaultAuthorizer());
        assertEquals(Set.of("Jwt", "Keys"), declared.authorizers().keySet());
        assertEquals(Optional.of(Map.of("Fn::GetAtt", List.of("AuthorizerFunction", "Arn"))),
                declared.authorizers().get("Keys").functionArn());
        assertEquals(Optional.empty(), declared.authorizers().get("Jwt").functionArn());

        HttpApiResource implicit = apis.get(HttpApiResource.IMPLICIT_API_ID);
        assertEquals(Optional.of("Jwt"), implicit.defaultAuthorizer());
        assertEquals(Set.of("Jwt"), implicit.authorizers().keySet());
    }

    @Test
    void defaultAuthorizerMustBeDeclared() {
        TemplateException error = assertThrows(TemplateException.class, () -> Templates.inline("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Missing
                """));

        assertTrue(error.getMessage().contains("names Missing, which is not in Auth.Authorizers"), error.getMessage());
    }

    private static Map<String, FunctionEvent> events(String functionId) {
        Map<String, FunctionEvent> events = new LinkedHashMap<>();
        Templates.fixture("functions.yaml").function(functionId).events().forEach(event -> events.put(event.name(), event));
        return events;
    }

    private static List<String> ids(List<TemplateResource> resources) {
        return resources.stream().map(TemplateResource::logicalId).toList();
    }
}
