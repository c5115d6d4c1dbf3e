package org.cloudcheckkit.local;

import java.util.List;

/** Where a stream consumer reads from: the records added since the last poll, oldest first within each shard. */
interface StreamSource {

    List<StreamRecord> poll();

    String streamArn();
}
