package dev.schematic.internal.rules;

/**
 * One evaluation through the instance's {@link ResidentEntities}: registers the inputs that are not resident yet and
 * evaluates by handle. Returns {@code null} when the envelope must be used instead (an input the module does not
 * accept as an entity, or a rejected call), so every answer, including rejections, is the official interface's.
 */
final class ResidentCall {
    private ResidentCall() {}

    static RulesResult run(
            EngineInstance instance,
            RulesInput flag,
            RulesInput company,
            RulesInput user,
            RulesInput options,
            long now) {
        ResidentEntities residents = instance.residents();
        byte[] out;
        try {
            int f = residents.handle(flag, ResidentEntities.FLAG);
            int c = company == null ? -1 : residents.handle(company, ResidentEntities.COMPANY);
            int u = user == null ? -1 : residents.handle(user, ResidentEntities.USER);
            if (f < 0 || (company != null && c < 0) || (user != null && u < 0)) {
                return null;
            }
            instance.setTime(now);
            int rc = residents.check(f, c, u, options);
            if (rc < 0) {
                return null;
            }
            out = instance.result(rc, "checkFlagHandles");
        } catch (EngineInstance.CallFailure e) {
            return FailureResults.bare(e.kind, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // The module's state is unknown after a trap: do not call into it again.
            instance.markBroken();
            return FailureResults.bare(RulesFailure.TRAP, "checkFlagHandles: " + e);
        }
        return EnvelopeCall.decode(out);
    }
}
