package org.cloudcheckkit.api;

import java.util.Objects;

/**
 * Who may see and act on what: an item's owner, or a principal holding the admin scope - only within its own tenant
 * when tenants are on. Anyone else is told the item does not exist, the same answer as for an item that does not,
 * so a caller cannot probe for other customers' requests.
 */
public final class Access {
    private final String adminScope;

    /** @param adminScope the scope that lets a principal act on every item (of its tenant) */
    public Access(String adminScope) {
        this.adminScope = adminScope;
    }

    public boolean allows(Principal principal, Owner owner) {
        if (principal == null || owner == null) {
            return false;
        }
        boolean sameTenant = Objects.equals(principal.tenant(), owner.tenant());
        if (principal.hasScope(adminScope)) {
            return sameTenant || principal.tenant() == null && owner.tenant() == null;
        }
        return sameTenant && principal.subject() != null && principal.subject().equals(owner.subject());
    }

    /**
     * Passes when {@code principal} may act on what {@code owner} owns (a null owner: nothing found); otherwise the
     * not-found answer, with the code and message a missing item gets.
     */
    public void require(Principal principal, Owner owner, String notFoundCode, String notFoundMessage) {
        if (!allows(principal, owner)) {
            throw new NotFoundException(notFoundCode, notFoundMessage);
        }
    }
}
