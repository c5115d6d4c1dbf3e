package org.cloudcheckkit.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Writes evidence to the archive bucket: encrypted, with its content type and metadata, and never twice under one
 * key (conditional writes: if the object exists already, that object stands). Large bodies go up as a multipart
 * upload from a bounded buffer, so a results zip of any size never sits in memory whole.
 */
public final class ArchiveStore {
    /** Part size of multipart uploads, and the largest body sent in a single PUT. */
    static final int PART_SIZE = 8 * 1024 * 1024;
    private static final String SHA256 = "sha256";

    private final Supplier<S3Client> s3Client;
    private S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final CrashPoints crashPoints;

    /**
     * @param s3 asked for the S3 client at the first call that needs it: a function that only presigns (downloads)
     *           never builds one, a measured part of its cold start (bench figure 1, RESULTS.md)
     */
    public ArchiveStore(Supplier<S3Client> s3, S3Presigner presigner, String bucket, CrashPoints crashPoints) {
        this.s3Client = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.crashPoints = crashPoints;
    }

    private synchronized S3Client s3() {
        if (s3 == null) {
            s3 = s3Client.get();
        }
        return s3;
    }

    /** A small body known whole (a result's JSON): its SHA-256 goes into the metadata. */
    public ArchivedObject putBytes(String key, byte[] body, String contentType, Map<String, String> metadata) {
        String sha256 = hex(digest().digest(body));
        Map<String, String> withHash = new HashMap<>(metadata);
        withHash.put(SHA256, sha256);
        try {
            s3().putObject(request -> request.bucket(bucket).key(key).contentType(contentType).metadata(withHash)
                    .serverSideEncryption(ServerSideEncryption.AWS_KMS).ifNoneMatch("*"), RequestBody.fromBytes(body));
            return new ArchivedObject(key, sha256, body.length);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return existing(key);
            }
            throw e;
        }
    }

    /**
     * A streamed body (a PDF or zip still on the wire). Up to {@link #PART_SIZE} it is sent in one PUT with its SHA-256
     * in the metadata; beyond, as a multipart upload whose SHA-256 (known only at the end) is set as the object's
     * {@code sha256} tag, which changes no version. Either way the SHA-256 is returned for the record.
     */
    public ArchivedObject putStream(String key, InputStream body, String contentType, Map<String, String> metadata) {
        byte[] buffer = new byte[PART_SIZE];
        int filled = fill(body, buffer);
        if (filled < PART_SIZE) {
            return putBytes(key, Arrays.copyOf(buffer, filled), contentType, metadata);
        }
        return multipart(key, body, contentType, metadata, buffer, filled);
    }

    private ArchivedObject multipart(String key, InputStream body, String contentType, Map<String, String> metadata,
                                     byte[] buffer, int firstPartSize) {
        MessageDigest digest = digest();
        String uploadId = s3().createMultipartUpload(request -> request.bucket(bucket).key(key).contentType(contentType)
                .metadata(metadata).serverSideEncryption(ServerSideEncryption.AWS_KMS)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        long size = 0;
        try {
            int filled = firstPartSize;
            for (int partNumber = 1; filled > 0; partNumber++) {
                digest.update(buffer, 0, filled);
                size += filled;
                int number = partNumber;
                RequestBody part = RequestBody.fromBytes(filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled));
                String etag = s3().uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        part).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                crashPoints.reach(CrashPoint.UPLOAD_PART_WRITTEN);
                filled = fill(body, buffer);
            }
            s3().completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (S3Exception e) {
            abort(key, uploadId);
            if (e.statusCode() == 412) {
                return existing(key);
            }
            throw e;
        } catch (RuntimeException e) {
            abort(key, uploadId);
            throw e;
        }
        String sha256 = hex(digest.digest());
        crashPoints.reach(CrashPoint.UPLOAD_COMPLETED_UNTAGGED);
        tag(key, sha256);
        return new ArchivedObject(key, sha256, size);
    }

    /** The object at {@code key}, if there is one (see {@link #existing} for its SHA-256). */
    public Optional<ArchivedObject> find(String key) {
        try {
            return Optional.of(existing(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A short-lived URL to download an archived object. */
    public String presignedUrl(String key, Duration validFor) {
        // As an attachment with the object's name: a browser on another origin ignores a link's download attribute.
        String disposition = "attachment; filename=\"" + key.substring(key.lastIndexOf('/') + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
        return presigner.presignGetObject(request -> request.signatureDuration(validFor)
                .getObjectRequest(get -> get.bucket(bucket).key(key).responseContentDisposition(disposition)))
                .url().toString();
    }

    /**
     * The object that is already there: its recorded SHA-256 (metadata, else tag) and size. A multipart upload whose
     * writer died before tagging it has no SHA-256 yet: it is computed from the object itself, streamed, and tagged.
     */
    private ArchivedObject existing(String key) {
        HeadObjectResponse head = s3().headObject(request -> request.bucket(bucket).key(key));
        String sha256 = head.metadata().get(SHA256);
        if (sha256 == null) {
            sha256 = s3().getObjectTagging(request -> request.bucket(bucket).key(key)).tagSet().stream()
                    .filter(tag -> tag.key().equals(SHA256)).map(Tag::value).findFirst().orElse(null);
        }
        if (sha256 == null) {
            sha256 = digestOf(key, head.versionId());
            tag(key, sha256);
        }
        return new ArchivedObject(key, sha256, head.contentLength());
    }

    private String digestOf(String key, String versionId) {
        MessageDigest digest = digest();
        try (InputStream in = s3().getObject(request -> request.bucket(bucket).key(key).versionId(versionId))) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading archived object " + key + " to hash it failed", e);
        }
        return hex(digest.digest());
    }

    /** The SHA-256 as the object's tag: tagging changes no version and no content. */
    private void tag(String key, String sha256) {
        s3().putObjectTagging(request -> request.bucket(bucket).key(key)
                .tagging(tagging -> tagging.tagSet(Tag.builder().key(SHA256).value(sha256).build())));
    }

    private void abort(String key, String uploadId) {
        try {
            s3().abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException ignored) {
            // The bucket's lifecycle rule removes incomplete uploads after two days.
        }
    }

    private static int fill(InputStream in, byte[] buffer) {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the body to archive failed", e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The SHA-256 of bytes, as the archive records it (lower-case hex). */
    public static String sha256(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
