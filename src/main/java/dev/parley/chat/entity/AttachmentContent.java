package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The bytes of an attachment. They live in the database: that survives restarts, needs no shared
 * file system when several nodes run, and commits with the metadata in one transaction.
 */
@Entity
@Table(name = "attachment_content")
public class AttachmentContent {

    @Id
    @Column(name = "attachment_id", length = 36)
    private String attachmentId;

    @Column(name = "data", nullable = false, length = (int) Attachment.MAX_SIZE)
    private byte[] data;

    protected AttachmentContent() {
    }

    public AttachmentContent(String attachmentId, byte[] data) {
        this.attachmentId = attachmentId;
        this.data = data;
    }

    public byte[] data() {
        return data;
    }
}
