package org.cloudcheckkit.callbacks;

/** Which callback route a token is for; a token made for one is refused by the other. */
public enum CallbackKind {
    GO("/callbacks/go"),
    AKAHU("/callbacks/akahu");

    private final String path;

    CallbackKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
