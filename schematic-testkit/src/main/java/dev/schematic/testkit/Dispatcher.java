package dev.schematic.testkit;

/**
 * The request pipeline of the fake: record the request, apply programmed failures, require the API key, use a custom
 * responder or route to the endpoint, then let the contract check judge the exchange.
 */
final class Dispatcher implements FakeHttpServer.Handler {
    private final RequestLog log;
    private final FaultInjection faults;
    private final CaptureEndpoint capture;
    private final FlagEndpoint flags;
    private final EntityEndpoints entities;
    private final ContractCheck contract;
    private volatile boolean keyRequired = true;
    private volatile String requiredKey;

    Dispatcher(
            RequestLog log,
            FaultInjection faults,
            CaptureEndpoint capture,
            FlagEndpoint flags,
            EntityEndpoints entities,
            ContractCheck contract) {
        this.log = log;
        this.faults = faults;
        this.capture = capture;
        this.flags = flags;
        this.entities = entities;
        this.contract = contract;
    }

    /** {@code required}: whether REST calls need the key header; {@code key}: the one value accepted (null: any). */
    void apiKey(boolean required, String key) {
        this.keyRequired = required;
        this.requiredKey = key;
        capture.requireApiKey(key);
    }

    @Override
    public Response handle(RecordedRequest request, String[] segments) {
        log.add(request);
        Response response;
        try {
            response = answer(request, segments);
        } catch (FakeApiException e) {
            response = Response.error(e.status, e.getMessage());
        }
        contract.check(request, segments, response);
        return response;
    }

    private Response answer(RecordedRequest request, String[] seg) {
        Response failure = faults.takeFailure(request.path());
        if (failure != null) {
            return failure;
        }
        String method = request.method();
        boolean isCapture = method.equals("POST") && request.path().equals("/batch");
        if (!isCapture) { // the capture service authenticates each event's api_key instead
            Response denied = checkApiKey(request.header(FakeSchematic.API_KEY_HEADER));
            if (denied != null) {
                return denied;
            }
        }
        Response custom = faults.responderFor(method, seg);
        if (custom != null) {
            return custom;
        }
        Response routed = null;
        if (isCapture) {
            routed = capture.capture(request);
        } else if (seg.length > 0 && seg[0].equals("flags")) {
            routed = flags.route(method, seg, request);
        } else if (seg.length > 0 && (seg[0].equals("companies") || seg[0].equals("users"))) {
            routed = entities.route(method, seg, request);
        }
        return routed != null ? routed : Response.error(404, "Not found");
    }

    private Response checkApiKey(String presented) {
        if (presented == null || presented.isBlank()) {
            return keyRequired ? Response.error(401, "missing " + FakeSchematic.API_KEY_HEADER + " header") : null;
        }
        String key = requiredKey;
        return key != null && !key.equals(presented) ? Response.error(401, "invalid API key") : null;
    }
}
