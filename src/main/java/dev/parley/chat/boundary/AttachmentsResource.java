package dev.parley.chat.boundary;

import dev.parley.chat.control.AttachmentService;
import dev.parley.chat.control.ChatFrames.AttachmentView;
import dev.parley.chat.entity.Attachment;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Uploading files (multipart field {@code file}, up to 10 MiB) and serving them to those allowed.
 * Served files always carry {@code nosniff}; only PNG, JPEG, GIF and WebP (recognised by their bytes)
 * are shown inline, everything else is a download. Anyone not allowed gets 404, as if it did not exist.
 */
@Path("attachments")
@RequestScoped
public class AttachmentsResource {

    /** Multipart overhead allowed on top of the file itself. */
    static final long ENVELOPE_BYTES = 64 * 1024;

    @Inject
    AttachmentService attachments;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload() throws IOException {
        if (request.getContentLengthLong() > Attachment.MAX_SIZE + ENVELOPE_BYTES) {
            throw tooLarge();
        }
        // The multipart body is parsed here, streaming and bounded, rather than by the container:
        // servers differ in whether they apply a multipart configuration to the REST servlet.
        JakartaServletFileUpload<?, ?> parser = new JakartaServletFileUpload<>();
        parser.setSizeMax(Attachment.MAX_SIZE + ENVELOPE_BYTES);
        parser.setFileSizeMax(Attachment.MAX_SIZE);
        FileItemInput file = null;
        byte[] data = null;
        try {
            FileItemInputIterator items = parser.getItemIterator(request);
            while (data == null && items.hasNext()) {
                FileItemInput item = items.next();
                if (!item.isFormField() && "file".equals(item.getFieldName())) {
                    file = item;
                    try (InputStream in = item.getInputStream()) {
                        data = in.readNBytes((int) Attachment.MAX_SIZE + 1);
                    }
                }
            }
        } catch (FileUploadSizeException e) {
            throw tooLarge();
        } catch (FileUploadException e) {
            throw ParleyException.badRequest("expected multipart/form-data with a 'file' field");
        }
        if (data == null) {
            throw ParleyException.badRequest("the multipart field 'file' is required");
        }
        if (data.length > Attachment.MAX_SIZE) {
            throw tooLarge();
        }
        AttachmentView stored = attachments.store(security.getUserPrincipal().getName(), file.getName(),
                file.getContentType(), data);
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(stored).build();
    }

    @GET
    @Path("{id}")
    public Response download(@PathParam("id") String id) {
        AttachmentService.Download download = attachments.open(security.getUserPrincipal().getName(), id)
                .orElseThrow(() -> ParleyException.notFound("no attachment " + id));
        Attachment attachment = download.attachment();
        String disposition = (attachment.isInlineImage() ? "inline" : "attachment")
                + "; filename=\"" + asciiFallback(attachment.name()) + "\"; filename*=UTF-8''"
                + URLEncoder.encode(attachment.name(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(download.data(), attachment.contentType())
                .header("Content-Disposition", disposition)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Cache-Control", "private, max-age=86400")
                .build();
    }

    private static ParleyException tooLarge() {
        return new ParleyException(ErrorCode.TOO_LARGE, "a file may be at most 10 MiB (10485760 bytes)");
    }

    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return ascii.toString();
    }
}
