import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws Parley's icon (a white speech bubble on Parley's blue, like src/main/webapp/img/icon.svg) into
 * the PNGs and the favicon.ico the web UI serves. Run from the project root: {@code java scripts/Icon.java}.
 */
public class Icon {

    public static void main(String[] args) throws Exception {
        Path webapp = Path.of("src/main/webapp");
        Files.write(webapp.resolve("img/apple-touch-icon.png"), png(180));
        Files.write(webapp.resolve("img/icon-192.png"), png(192));
        Files.write(webapp.resolve("img/icon-512.png"), png(512));
        Files.write(webapp.resolve("favicon.ico"), ico(png(32), 32));
    }

    static byte[] png(int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double s = size / 64.0;
        Color blue = new Color(0x3b5bdb);
        g.setColor(blue);
        g.fill(new RoundRectangle2D.Double(0, 0, size, size, 14 * s, 14 * s));
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(12 * s, 14 * s, 40 * s, 28 * s, 12 * s, 12 * s));
        Path2D tail = new Path2D.Double();
        tail.moveTo(20 * s, 40 * s);
        tail.lineTo(18 * s, 52 * s);
        tail.lineTo(30 * s, 41 * s);
        tail.closePath();
        g.fill(tail);
        g.setColor(blue);
        for (int i = 0; i < 3; i++) {
            g.fill(new Ellipse2D.Double((21 + i * 9) * s, 25 * s, 6 * s, 6 * s));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** An .ico holding one PNG image (every browser since 2007 reads those). */
    static byte[] ico(byte[] png, int size) {
        ByteBuffer ico = ByteBuffer.allocate(6 + 16 + png.length).order(ByteOrder.LITTLE_ENDIAN);
        ico.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        ico.put((byte) size).put((byte) size).put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32)
                .putInt(png.length).putInt(6 + 16);
        ico.put(png);
        return ico.array();
    }
}
