package dev.parley.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's preferences, stored as the JSON document the API exchanges. */
@Entity
@Table(name = "notification_preferences")
public class PreferenceDocument {

    @Id
    @Column(name = "username", length = 32)
    private String username;

    @Column(name = "document", nullable = false, length = 16000)
    private String document;

    protected PreferenceDocument() {
    }

    public PreferenceDocument(String username, String document) {
        this.username = username;
        this.document = document;
    }

    public String username() {
        return username;
    }

    public String document() {
        return document;
    }

    public void replace(String newDocument) {
        this.document = newDocument;
    }
}
