package org.cloudcheckkit.table;

import org.cloudcheckkit.api.Owner;

/** An item's owner, as two attributes: the principal's subject, and its tenant when tenants are on. */
final class Owners {
    private Owners() {
    }

    static Item.Builder put(Item.Builder item, Owner owner) {
        return owner == null ? item : item.put(Attr.OWNER, owner.subject()).put(Attr.OWNER_TENANT, owner.tenant());
    }

    static Owner read(Item item) {
        String subject = item.string(Attr.OWNER);
        return subject == null ? null : new Owner(subject, item.string(Attr.OWNER_TENANT));
    }
}
