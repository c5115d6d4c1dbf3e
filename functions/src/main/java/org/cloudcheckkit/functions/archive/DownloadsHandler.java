package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.archive.Downloads;
import org.cloudcheckkit.archive.ZipArchiver;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.idempotency.Reply;

/**
 * The archive, for front ends: GET /go/recipients/{recipientToken}/pdf and GET /akahu/sessions/{token}/pdf give a
 * short-lived download link once archived (404 with the reason before); POST /go/requests/{goApiReference}/archive
 * starts a results zip, GET on the same path reports it.
 */
public final class DownloadsHandler extends ApiGatewayHandler {
    static final String GO_PDF = "GET /go/recipients/{recipientToken}/pdf";
    static final String AKAHU_PDF = "GET /akahu/sessions/{token}/pdf";
    static final String START_ZIP = "POST /go/requests/{goApiReference}/archive";

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(DownloadsHandler::new,
            "go-recipient-pdf.json");

    private final ApiRoutes api;
    private final Downloads downloads;
    private final ZipArchiver zips;

    public DownloadsHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public DownloadsHandler(Components components) {
        this(ApiRoutes.from(components), components.downloads(), components.zipArchiver());
    }

    public DownloadsHandler(ApiRoutes api, Downloads downloads, ZipArchiver zips) {
        this.api = api;
        this.downloads = downloads;
        this.zips = zips;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            switch (request.routeKey()) {
                case GO_PDF:
                    return api.ok(downloads.goRecipientPdf(request.pathParameter("recipientToken"), request.caller()));
                case AKAHU_PDF:
                    return api.ok(downloads.akahuPdf(request.pathParameter("token"), request.caller()));
                case START_ZIP:
                    Reply started = api.ok(zips.start(request.pathParameter("goApiReference"),
                            request.caller(), request.deadline()));
                    return new Reply(202, started.body(), started.disposition());
                default:
                    return api.ok(zips.status(request.pathParameter("goApiReference"), request.caller()));
            }
        });
    }
}
