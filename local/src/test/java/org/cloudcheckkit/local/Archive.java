package org.cloudcheckkit.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Reads what the functions archived, straight from the emulator's bucket, to check it against what was downloaded. */
final class Archive {

    /** The template's archive bucket. */
    static final String BUCKET = "ArchiveBucket";

    private final LocalStack stack;

    Archive(LocalStack stack) {
        this.stack = stack;
    }

    ResponseBytes<GetObjectResponse> object(String key) {
        return stack.aws().s3().getObjectAsBytes(request -> request.bucket(stack.aws().physicalName(BUCKET)).key(key));
    }

    String text(String key) {
        return object(key).asString(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF's text is plain (the sandbox writes it uncompressed): its lines can be looked for as bytes. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
