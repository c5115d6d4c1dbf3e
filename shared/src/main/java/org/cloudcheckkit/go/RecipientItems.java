package org.cloudcheckkit.go;

import java.util.ArrayList;
import java.util.List;
import org.cloudcheckkit.store.Item;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads recipient and session items: status, history and archive state share one layout. */
public final class RecipientItems {

    private RecipientItems() {
    }

    public static RecipientState read(Item item) {
        return new RecipientState(item.string("goApiReference"), item.string("recipientToken"), item.string("reference"),
                item.string("status"), item.string("statusAt"), history(item), archive(item));
    }

    public static List<StatusChange> history(Item item) {
        List<StatusChange> history = new ArrayList<>();
        for (AttributeValue value : item.list("history")) {
            Item change = Item.of(value.m());
            history.add(new StatusChange(change.string("status"), change.string("at"), change.string("source")));
        }
        return history;
    }

    public static ArchiveState archive(Item item) {
        String state = item.string("archiveState");
        if (state == null) {
            return null;
        }
        return new ArchiveState(state, (int) item.number("attempts", 0), item.string("archiveError"),
                item.string("pdfKey"), item.string("jsonKey"), item.string("pdfSha256"), item.string("jsonSha256"),
                item.string("archivedAt"));
    }
}
