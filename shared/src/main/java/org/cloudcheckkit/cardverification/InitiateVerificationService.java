package org.cloudcheckkit.cardverification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.secrets.CachedSecret;
import org.cloudcheckkit.secrets.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Connecting Party server's "initiate verification" (seed 003): for a valid request that no policy refuses,
 * issues an invoice id and a session nonce, signs the session with the ControlKey, and records the invoice before
 * answering. Deny lists are checked before any dependency is called, so a refused request costs nothing and
 * writes nothing.
 *
 * <p>Failures come out typed: {@link RequestFilteredException} (FILTERED), {@link ServerUnavailableException}
 * (SERVER_UNAVAILABLE); anything else is unexpected (SERVER_FAILED).
 */
public final class InitiateVerificationService {
    private static final Logger log = LoggerFactory.getLogger(InitiateVerificationService.class);
    /** After a failed fetch the secret is asked for again at most this often. */
    private static final Duration MIN_SECRET_REFRESH = Duration.ofSeconds(10);

    private final DevicePolicy policy;
    private final CachedSecret<ConnectingPartySecret> connectingParty;
    private final InvoiceStore invoices;
    private final InvoiceIds invoiceIds;
    private final SessionNonces nonces;
    private final boolean tokenBinding;

    public InitiateVerificationService(DevicePolicy policy, CachedSecret<ConnectingPartySecret> connectingParty,
                                       InvoiceStore invoices, InvoiceIds invoiceIds, SessionNonces nonces,
                                       boolean tokenBinding) {
        this.policy = policy;
        this.connectingParty = connectingParty;
        this.invoices = invoices;
        this.invoiceIds = invoiceIds;
        this.nonces = nonces;
        this.tokenBinding = tokenBinding;
    }

    /** Wires the service from a function's settings; the clients, clock and random source are the caller's. */
    public static InitiateVerificationService from(Settings settings, DynamoDbClient dynamoDb, SecretsManagerClient secrets,
                                                   Clock clock, SecureRandom random) {
        CachedSecret<ConnectingPartySecret> secret = new CachedSecret<>(secrets, settings.connectingPartySecretId(),
                settings.secretCacheTime(), MIN_SECRET_REFRESH, clock, ConnectingPartySecret::parse);
        return new InitiateVerificationService(DevicePolicy.from(settings), secret,
                new InvoiceStore(dynamoDb, settings.tableName(), clock, InvoiceStore.Retention.from(settings),
                        InvoiceStore.SessionLimits.from(settings)),
                new InvoiceIds(random), new SessionNonces(random), settings.tokenBinding());
    }

    /** @param sourceIp the caller's address, for the per-address session limit; null when not known */
    public InitiatedVerification initiate(VerificationRequest request, String sourceIp) {
        try {
            policy.check(request);
        } catch (RequestFilteredException refused) {
            // No device in this line: naming it takes the secret's key, and a deny-listed request calls nothing.
            log.warn("card verification refused: {}", refused.code());
            throw refused;
        }
        ConnectingPartySecret party = connectingParty();
        String invoiceId = invoiceIds.next();
        String nonce = nonces.next();
        String signature = SessionSignature.compute(party.controlKey(), request.accessToken(), request.serialNumber(),
                party.endpointId(), nonce, invoiceId, request.currency());
        InitiatedVerification issued = new InitiatedVerification(party.endpointId(), invoiceId, nonce, signature);
        try {
            invoices.record(issued, request, sourceIp, party.deviceHashKey(), tokenBinding);
        } catch (RequestFilteredException refused) {
            log.warn("card verification refused: {} device={}", refused.code(),
                    party.deviceHashKey().shortOf(request.serialNumber()));
            throw refused;
        } catch (SdkException e) {
            throw ServerUnavailableException.isTransient(e) ? new ServerUnavailableException("DynamoDB", e) : e;
        }
        // The invoice id leads to the stored record; the device is named only for refusals, which store nothing.
        log.info("card verification initiated: invoice={} currency={}", invoiceId, request.currency());
        return issued;
    }

    private ConnectingPartySecret connectingParty() {
        try {
            return connectingParty.get();
        } catch (SecretUnavailableException e) {
            if (e.getCause() instanceof SdkException sdk && ServerUnavailableException.isTransient(sdk)) {
                throw new ServerUnavailableException("Secrets Manager", e);
            }
            throw e;
        }
    }
}
