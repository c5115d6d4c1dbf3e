package org.cloudcheckkit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.retry.RetryPolicy;
import org.cloudcheckkit.table.ArchivedZipItem;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.Results;
import org.cloudcheckkit.table.ZipJobItem;
import org.cloudcheckkit.table.ZipJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Archives a Go request's results zip: /go/pdfs/generate/ starts Cloudcheck's job (which can take an hour for 500
 * recipients), the reconciler polls /go/pdfs/retrieve/ until the zip is ready, and the zip is streamed into S3 in
 * bounded memory. "Missing or invalid token" means a recipient responded since: the job is generated again. One job
 * per request runs at a time, and every zip archived stays listed, newest first.
 */
public final class ZipArchiver {
    private static final Logger log = LoggerFactory.getLogger(ZipArchiver.class);
    /** One poller at a time; long enough to stream a large zip into S3. */
    private static final Duration POLL_LEASE = Duration.ofMinutes(14);

    private final CloudcheckClient cloudcheck;
    private final Access access;
    private final ZipJobs jobs;
    private final ArchiveStore archive;
    private final GoRequests goRequests;
    private final Clock clock;
    private final Duration pollInterval;
    private final RetryPolicy retries;
    private final Duration linkValidity;
    private final CrashPoints crashPoints;
    private final Metrics metrics;

    public ZipArchiver(CloudcheckClient cloudcheck, Access access, ZipJobs jobs, ArchiveStore archive, GoRequests goRequests, Clock clock,
                       Duration pollInterval, RetryPolicy retries, Duration linkValidity, CrashPoints crashPoints,
                       Metrics metrics) {
        this.cloudcheck = cloudcheck;
        this.access = access;
        this.jobs = jobs;
        this.archive = archive;
        this.goRequests = goRequests;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.retries = retries;
        this.linkValidity = linkValidity;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
    }

    /**
     * Starts a zip job, unless one is being generated already (then that one is returned). The job is recorded
     * first, so a start that dies before Cloudcheck answered is picked up by the next poll.
     */
    public ZipJob start(String goApiReference, Caller caller, Deadline deadline) {
        GoRequestItem request = requireRequest(goApiReference, caller);
        if (jobs.start(goApiReference, request.owner(), clock.instant().plus(pollInterval))) {
            crashPoints.reach(CrashPoint.ZIP_JOB_RECORDED);
            try {
                generate(goApiReference, false, deadline);
            } catch (CloudcheckApiException refused) {
                // Refused outright: the caller hears it now; the job stays FAILED, for a new start or a re-drive.
                jobs.recordFailure(goApiReference, describe(refused), 1, attempts -> Duration.ZERO);
                throw refused;
            } catch (CloudcheckException e) {
                failed(goApiReference, e, retries.maxAttempts());
            }
        }
        return current(goApiReference);
    }

    public ZipJob status(String goApiReference, Caller caller) {
        requireRequest(goApiReference, caller);
        return current(goApiReference);
    }

    private ZipJob current(String goApiReference) {
        ZipJobItem job = jobs.find(goApiReference).orElseThrow(() -> new NotFoundException("NO_ZIP_JOB",
                "no results zip was requested for Go request " + goApiReference + "; POST to this path to start one"));
        return view(job, jobs.archived(goApiReference));
    }

    /** One poll of a job that is due: progress, the zip itself, or a new generation. */
    public void poll(String goApiReference, Deadline deadline) {
        if (!jobs.claimPoll(goApiReference, POLL_LEASE)) {
            return;
        }
        ZipJobItem job = jobs.find(goApiReference).orElseThrow();
        try {
            if (job.jobToken() == null) {
                generate(goApiReference, false, deadline);
                return;
            }
            String zipKey = "go/" + goApiReference + "/results-" + job.jobToken() + ".zip";
            // A zip an earlier poller wrote before it died stands: it is this job's zip, archived once.
            Optional<ArchivedObject> written = archive.find(zipKey);
            if (written.isEmpty()) {
                ZipRetrieval retrieval = cloudcheck.go().retrievePdfs(job.jobToken(), deadline);
                if (retrieval instanceof ZipRetrieval.InProgress progress) {
                    jobs.progress(goApiReference, progress.complete(), progress.total(), clock.instant().plus(pollInterval));
                    return;
                }
                if (retrieval instanceof ZipRetrieval.Stale) {
                    log.info("results of Go request {} changed since its zip was generated; generating again", goApiReference);
                    generate(goApiReference, true, deadline);
                    return;
                }
                try (var download = ((ZipRetrieval.Ready) retrieval).zip()) {
                    Map<String, String> metadata = Map.of("go-api-reference", goApiReference, "job-token", job.jobToken(),
                            "source-endpoint", "/go/pdfs/retrieve/", "fetched-at", clock.instant().toString(), "status", "ZIP");
                    written = Optional.of(archive.putStream(zipKey, download.stream(), "application/zip", metadata));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ArchivedObject zip = written.get();
            crashPoints.reach(CrashPoint.ZIP_WRITTEN);
            jobs.markArchived(goApiReference, job.jobToken(), zip.key(), zip.sha256(), zip.size());
            log.info("archived results zip of Go request {}: {} bytes, sha256 {}", goApiReference, zip.size(), zip.sha256());
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            failed(goApiReference, e, retries.maxAttempts());
        }
    }

    private void generate(String goApiReference, boolean regenerated, Deadline deadline) {
        String jobToken = cloudcheck.go().generatePdfs(goApiReference, deadline).token();
        jobs.jobStarted(goApiReference, jobToken, regenerated, clock.instant().plus(pollInterval));
    }

    private void failed(String goApiReference, Exception cause, int attemptsAllowed) {
        String error = describe(cause);
        Results.Failure failure = jobs.recordFailure(goApiReference, error, attemptsAllowed,
                retries::ceilingAfter);
        if (failure.failed()) {
            metrics.count(Metric.ARCHIVE_FAILED, 1);
            log.error("ARCHIVE_FAILED results zip of Go request {} after {} attempts: {}", goApiReference, failure.attempts(), error);
        } else {
            log.warn("results zip of Go request {}: attempt {} failed, retrying later: {}", goApiReference, failure.attempts(), error);
        }
    }

    /** The request, when the caller may act on it; else not found, as if it did not exist. */
    private GoRequestItem requireRequest(String goApiReference, Caller caller) {
        GoRequestItem request = goRequests.find(goApiReference).orElse(null);
        access.require(caller.principal(), request == null ? null : request.owner(), "GO_REQUEST_NOT_FOUND",
                "no Go request " + goApiReference + " was made through this service");
        return request;
    }

    private static String describe(Exception cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private ZipJob view(ZipJobItem job, List<ArchivedZipItem> archived) {
        List<ZipJob.Archived> archives = archived.stream().map(zip -> new ZipJob.Archived(zip.zipKey(), zip.sha256(),
                zip.size(), zip.archivedAt(), archive.presignedUrl(zip.zipKey(), linkValidity))).toList();
        boolean done = ZipJobItem.ARCHIVED.equals(job.state());
        return new ZipJob(job.goApiReference(), job.state(), job.jobToken(), job.requestedAt(), job.complete(), job.total(),
                job.regenerations(), done ? job.zipKey() : null, done ? job.sha256() : null, done ? job.size() : null,
                done ? job.archivedAt() : null, job.lastError(), done ? archive.presignedUrl(job.zipKey(), linkValidity) : null,
                archives);
    }
}
