package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class IntrinsicResolverTest {

    private static final StackTemplate TEMPLATE = Templates.inline("""
            Parameters:
              Env:
                Type: String
                Default: dev
                AllowedValues: [dev, prod]
              Days:
                Type: Number
                Default: 30
              Zones:
                Type: CommaDelimitedList
                Default: "a, b,c"
              Required:
                Type: String
            Mappings:
              Hosts:
                NZ:
                  Api: api.cloudcheck.co.nz
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
              DevAndMonth: !And [!Condition IsDev, !Equals [!Ref Days, 30]]
              ProdOrMonth: !Or [!Condition IsProd, !Equals [30, !Ref Days]]
              Loop: !Not [!Condition Loop]
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Function:
                Type: AWS::Serverless::Function
              ProdOnly:
                Type: AWS::SQS::Queue
                Condition: IsProd
            """);

    private static final LocalResource TABLE = new LocalResource("Table", "AWS::DynamoDB::Table", "stack-Table", "stack-Table",
            Map.of("Arn", "arn:aws:dynamodb:ap-southeast-2:123456789012:table/stack-Table",
                    "StreamArn", "arn:aws:dynamodb:ap-southeast-2:123456789012:table/stack-Table/stream/1"));

    private final IntrinsicResolver resolver = resolver(Map.of());

    private static IntrinsicResolver resolver(Map<String, String> overrides) {
        return new IntrinsicResolver(TEMPLATE, overrides, PseudoParameters.local("stack", Region.AP_SOUTHEAST_2),
                logicalId -> logicalId.equals("Table") ? Optional.of(TABLE) : Optional.empty());
    }

    private Object resolve(String yaml) {
        return resolver.resolve(Templates.inline("Resources:\n  X:\n    Type: T\n    Properties:\n      V: " + yaml + "\n")
                .resources().get("X").properties().get("V")).orElseThrow();
    }

    private String failure(String yaml) {
        return assertThrows(TemplateException.class, () -> resolve(yaml)).getMessage();
    }

    @Test
    void refGivesParameterDefaultsAndOverrides() {
        assertEquals("dev", resolve("!Ref Env"));
        assertEquals("30", resolve("!Ref Days"));
        assertEquals("prod", resolver(Map.of("Env", "prod")).resolveText(Map.of("Ref", "Env")).orElseThrow());
    }

    @Test
    void refToAListParameterGivesTrimmedItems() {
        assertEquals(List.of("a", "b", "c"), resolve("!Ref Zones"));
    }

    @Test
    void refGivesPseudoParameters() {
        assertEquals("ap-southeast-2", resolve("!Ref AWS::Region"));
        assertEquals(PseudoParameters.EMULATOR_ACCOUNT_ID, resolve("!Ref AWS::AccountId"));
        assertEquals("stack", resolve("!Ref AWS::StackName"));
        assertEquals("aws", resolve("!Ref AWS::Partition"));
        assertEquals("amazonaws.com", resolve("!Ref AWS::URLSuffix"));
        assertTrue(((String) resolve("!Ref AWS::StackId")).startsWith("arn:aws:cloudformation:ap-southeast-2:123456789012:stack/stack/"));
    }

    @Test
    void refToALocalResourceGivesItsRefValue() {
        assertEquals("stack-Table", resolve("!Ref Table"));
    }

    @Test
    void getAttGivesLocalAttributesInBothForms() {
        assertEquals(TABLE.attributes().get("StreamArn"), resolve("!GetAtt Table.StreamArn"));
        assertEquals(TABLE.attributes().get("Arn"), resolve("!GetAtt [Table, Arn]"));
    }

    @Test
    void subReplacesParametersPseudoParametersRefsAndAttributes() {
        assertEquals("stack-dev-stack-Table-" + TABLE.attributes().get("Arn") + "-ap-southeast-2",
                resolve("!Sub '${AWS::StackName}-${Env}-${Table}-${Table.Arn}-${AWS::Region}'"));
    }

    @Test
    void subTwoArgumentFormUsesItsOwnVariablesFirst() {
        assertEquals("x-30-dev", resolve("!Sub ['${Env}-${Days}-${Stage}', {Env: x, Stage: !Ref Env}]"));
    }

    @Test
    void subKeepsEscapedLiterals() {
        assertEquals("${Literal}-dev", resolve("!Sub '${!Literal}-${Env}'"));
    }

    @Test
    void joinSelectAndSplitCompose() {
        assertEquals("a-dev", resolve("!Join ['-', [a, !Ref Env]]"));
        assertEquals("b", resolve("!Select [1, !Ref Zones]"));
        assertEquals("y", resolve("!Select ['1', !Split [',', 'x,y,z']]"));
        assertEquals(List.of("x", "", "z"), resolve("!Split [',', 'x,,z']"));
    }

    @Test
    void ifChoosesByConditionAndNeverResolvesTheOtherBranch() {
        assertEquals("development", resolve("!If [IsProd, !Ref NoSuchThing, development]"));
        assertEquals("production", resolver(Map.of("Env", "prod"))
                .resolveText(Map.of("Fn::If", List.of("IsProd", "production", Map.of("Ref", "NoSuchThing")))).orElseThrow());
    }

    @Test
    void noValueRemovesTheEntryHoldingIt() {
        assertEquals(Map.of("Kept", "dev"), resolve("{Kept: !Ref Env, Dropped: !If [IsProd, x, !Ref AWS::NoValue]}"));
        assertEquals(List.of("a"), resolve("[a, !Ref AWS::NoValue]"));
        assertEquals(Optional.empty(), resolver.resolveText(Map.of("Ref", "AWS::NoValue")));
    }

    @Test
    void conditionsCombineEqualsNotAndOr() {
        assertFalse(resolver.condition("IsProd"));
        assertTrue(resolver.condition("IsDev"));
        assertTrue(resolver.condition("DevAndMonth"));
        assertTrue(resolver.condition("ProdOrMonth"));
        assertFalse(resolver(Map.of("Days", "7")).condition("ProdOrMonth"));
    }

    @Test
    void conditionFunctionsResolveToBooleansInProperties() {
        assertEquals(true, resolve("!Equals [!Ref Env, dev]"));
        assertEquals(false, resolve("!Not [!Equals [!Ref Env, dev]]"));
    }

    @Test
    void cyclicConditionIsReported() {
        TemplateException error = assertThrows(TemplateException.class, () -> resolver.condition("Loop"));

        assertTrue(error.getMessage().contains("cycle"), error.getMessage());
    }

    @Test
    void findInMapAndBase64() {
        assertEquals("api.cloudcheck.co.nz", resolve("!FindInMap [Hosts, NZ, Api]"));
        assertEquals("aGVsbG8=", resolve("!Base64 hello"));
    }

    @Test
    void unknownRefNamesTheExpression() {
        assertEquals("Cannot resolve {\"Ref\":\"Nope\"}: no parameter or resource is named Nope", failure("!Ref Nope"));
    }

    @Test
    void refToAResourceNotMadeLocallySaysSo() {
        assertEquals("Cannot resolve {\"Fn::GetAtt\":[\"Function\",\"Arn\"]}: Function is a AWS::Serverless::Function, "
                + "which is not created locally", failure("!GetAtt Function.Arn"));
    }

    @Test
    void refToAResourceWhoseConditionIsFalseSaysSo() {
        assertEquals("Cannot resolve {\"Ref\":\"ProdOnly\"}: ProdOnly is not created: its condition IsProd is false",
                failure("!Ref ProdOnly"));
    }

    @Test
    void unknownAttributeListsTheKnownOnes() {
        assertTrue(failure("!GetAtt Table.Nope").contains("has no attribute Nope; it has"), failure("!GetAtt Table.Nope"));
    }

    @Test
    void functionsWithoutLocalMeaningAreNamed() {
        assertEquals("Cannot resolve {\"Fn::GetAZs\":\"\"}: Fn::GetAZs has no local meaning here", failure("!GetAZs ''"));
        assertTrue(failure("!ImportValue shared").contains("Fn::ImportValue has no local meaning"));
    }

    @Test
    void parameterWithoutDefaultOrOverrideIsReportedWhenUsed() {
        assertEquals("Cannot resolve {\"Ref\":\"Required\"}: Parameter Required has no Default and no override gave it a value",
                failure("!Ref Required"));
        assertEquals("given", resolver(Map.of("Required", "given")).parameterValue("Required"));
    }

    @Test
    void overrideOutsideAllowedValuesIsRejected() {
        TemplateException error = assertThrows(TemplateException.class, () -> resolver(Map.of("Env", "staging")));

        assertEquals("Parameter Env is staging but must be one of [dev, prod]", error.getMessage());
    }

    @Test
    void overrideOfAnUndeclaredParameterIsRejected() {
        TemplateException error = assertThrows(TemplateException.class, () -> resolver(Map.of("Stage", "x")));

        assertTrue(error.getMessage().startsWith("Override for parameter Stage, which the template does not declare"),
                error.getMessage());
    }

    @Test
    void wrongArgumentsAreReported() {
        assertTrue(failure("!Join [only-one]").contains("it takes a list of 2 arguments"));
        assertTrue(failure("!Select [5, [a]]").contains("index 5 is outside a list of 1"));
        assertTrue(failure("!Sub '${Zones}'").contains("text was expected, not [\"a\",\"b\",\"c\"]"));
        assertTrue(failure("!Sub 'open ${Env'").contains("is not closed"));
    }
}
