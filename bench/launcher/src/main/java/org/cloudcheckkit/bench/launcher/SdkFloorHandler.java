package org.cloudcheckkit.bench.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.cloudcheckkit.aws.AwsClients;
import org.cloudcheckkit.aws.AwsSettings;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The floor of a function that keeps its state in DynamoDB through the AWS SDK, as the design asks of every function
 * here: the DynamoDB client built as the functions build it (the same {@link AwsClients}, from the function's
 * environment) and one consistent GetItem of a key no item has in the function's table, then constant bytes. What
 * any of these functions pays before its own code runs: the SDK's client, its pipeline and one round trip.
 */
public final class SdkFloorHandler implements RequestStreamHandler {
    private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8);

    private final DynamoDbClient dynamoDb = new AwsClients(AwsSettings.fromEnvironment(System.getenv())).dynamoDb();
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        dynamoDb.getItem(get -> get.tableName(table).key(Item.key(new ItemKey.AkahuSession("SDK-FLOOR"))).consistentRead(true));
        output.write(ANSWER);
    }
}
