package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhysicalNamesTest {

    @Test
    void bucketNameIsLowerCaseAndAtMost63CharactersEndingInALetterOrDigit() {
        assertEquals("cloudcheck-local-archivebucket", PhysicalNames.bucket("cloudcheck-local", "ArchiveBucket"));
        String stack = "s".repeat(62);
        assertEquals(stack, PhysicalNames.bucket(stack, "Bucket"));
    }

    @Test
    void fifoQueueNameEndsInFifoWithinSqsLimit() {
        assertEquals("stack-Jobs.fifo", PhysicalNames.queue("stack", "Jobs", true));
        String name = PhysicalNames.queue("q".repeat(100), "Jobs", true);
        assertEquals(80, name.length());
        assertEquals(".fifo", name.substring(75));
    }

    @Test
    void tableNameIsStackAndLogicalId() {
        assertEquals("cloudcheck-local-Table", PhysicalNames.table("cloudcheck-local", "Table"));
    }
}
