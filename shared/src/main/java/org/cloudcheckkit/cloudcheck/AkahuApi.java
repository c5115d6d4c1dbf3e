package org.cloudcheckkit.cloudcheck;

import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReview;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReviewed;
import org.cloudcheckkit.cloudcheck.akahu.AkahuSession;

/** The Cloudcheck Akahu API (seed 002), one method per endpoint. */
public final class AkahuApi {
    private final CloudcheckCalls calls;

    AkahuApi(CloudcheckCalls calls) {
        this.calls = calls;
    }

    /** /akahu/initiate/. Never retried once it may have reached Cloudcheck: each call starts a new session. */
    public AkahuSession initiate(AkahuInitiateRequest request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_INITIATE, calls.data(request), deadline);
        return new AkahuSession(GoApi.required(answer, Endpoint.AKAHU_INITIATE, "token"), answer.text("url"));
    }

    public AkahuResult result(String token, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_RESULT, token, deadline);
        return new AkahuResult(answer.text("token"), answer.text("reference"),
                GoApi.required(answer, Endpoint.AKAHU_RESULT, "status"), answer.raw());
    }

    /** /akahu/pdf/: the PDF, streamed; the caller closes it. */
    public Download pdf(String token, Deadline deadline) {
        return GoApi.expectDownload(Endpoint.AKAHU_PDF,
                calls.binary(Endpoint.AKAHU_PDF, token, deadline, "application/pdf"));
    }

    public AkahuReviewed review(AkahuReview review, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_REVIEW, calls.data(review), deadline);
        return new AkahuReviewed(answer.text("akahuToken"), answer.text("result"));
    }
}
