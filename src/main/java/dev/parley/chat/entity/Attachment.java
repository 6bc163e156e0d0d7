package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An uploaded file's metadata. The bytes are an {@link AttachmentContent} of their own, so that
 * listing messages with their attachments never loads file contents.
 */
@Entity
@Table(name = "attachment")
@NamedQuery(name = Attachment.READABLE_BY,
        query = "select count(m) from Message m join m.attachments a, Membership ms "
                + "where a.id = :attachment and ms.conversationId = m.conversationId and ms.username = :user")
public class Attachment {

    public static final String READABLE_BY = "Attachment.readableBy";
    public static final long MAX_SIZE = 10L * 1024 * 1024;
    public static final int MAX_NAME = 255;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "uploader", nullable = false, length = 32)
    private String uploader;

    @Column(name = "name", nullable = false, length = MAX_NAME)
    private String name;

    @Column(name = "content_type", nullable = false, length = 100)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Attachment() {
    }

    public Attachment(String id, String uploader, String name, String contentType, long size, Instant now) {
        this.id = id;
        this.uploader = uploader;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public String uploader() {
        return uploader;
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    /** Only PNG, JPEG, GIF and WebP, recognised by their bytes, are ever shown inline. */
    public boolean isInlineImage() {
        return FileKind.INLINE_IMAGE_TYPES.contains(contentType);
    }
}
