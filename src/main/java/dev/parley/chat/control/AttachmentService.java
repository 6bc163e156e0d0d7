package dev.parley.chat.control;

import dev.parley.chat.control.ChatFrames.AttachmentView;
import dev.parley.chat.entity.Attachment;
import dev.parley.chat.entity.AttachmentContent;
import dev.parley.chat.entity.FileKind;
import dev.parley.platform.web.ContextPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Stores uploaded files and serves them to those allowed: the uploader, and members of a conversation
 * a message carried the file into. The content type comes from the bytes ({@link FileKind}), the name
 * is only ever displayed, never used as a path.
 */
@ApplicationScoped
public class AttachmentService {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ContextPath contextPath;

    /** A file as served: its metadata and bytes. */
    public record Download(Attachment attachment, byte[] data) {
    }

    @Transactional
    public AttachmentView store(String uploader, String submittedName, String claimedType, byte[] data) {
        String id = UUID.randomUUID().toString();
        String type = FileKind.detect(Arrays.copyOf(data, Math.min(data.length, 16)), claimedType);
        Attachment attachment = new Attachment(id, uploader, FileKind.cleanName(submittedName), type, data.length, clock.instant());
        em.persist(attachment);
        em.persist(new AttachmentContent(id, data));
        return AttachmentView.of(attachment, contextPath.value());
    }

    /** The file, if it exists and the user may see it; empty otherwise (the caller answers 404 either way). */
    @Transactional
    public Optional<Download> open(String user, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Attachment attachment = em.find(Attachment.class, id);
        if (attachment == null) {
            return Optional.empty();
        }
        if (!attachment.uploader().equals(user)) {
            long readable = em.createNamedQuery(Attachment.READABLE_BY, Long.class)
                    .setParameter("attachment", id)
                    .setParameter("user", user)
                    .getSingleResult();
            if (readable == 0) {
                return Optional.empty();
            }
        }
        AttachmentContent content = em.find(AttachmentContent.class, id);
        return Optional.of(new Download(attachment, content.data()));
    }
}
