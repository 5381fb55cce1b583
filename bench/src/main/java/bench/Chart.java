package bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The chart of a run, drawn headless with Java2D: one group of bars per figure, one bar per
 * server, its length the figure relative to the group's baseline (raw java.net with platform
 * threads), turned so that longer is always better.
 */
final class Chart {
    private static final int W = 1100;
    private static final int LABEL = 330;
    private static final int ROW = 17;
    private static final double MAX = 4.0;

    private Chart() {
    }

    static Color color(String who) {
        if (who.startsWith("lib") || who.startsWith("tls-lib") || who.equals("Host.parse")) {
            return new Color(0x1f77b4);
        }
        if (who.startsWith("raw") || who.equals("tls-raw") || who.startsWith("InetAddress")) {
            return new Color(0x7f7f7f);
        }
        if (who.startsWith("c-") || who.startsWith("nio-") || who.startsWith("ffm-")) {
            return new Color(0x2ca02c);
        }
        return new Color(0xff7f0e);
    }

    static final String TITLE = "sockets vs raw java.net vs Netty: each figure relative to the baseline (1.0), longer is better";
    static final String TLS_TITLE = "TLS 1.3: sockets vs the JDK's SSLSocket / SSLServerSocket (1.0) vs Netty's SslHandler, longer is better";

    static void write(List<Suite.Metric> metrics, Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int rows = 0;
        for (Suite.Metric m : metrics) {
            rows += m.values.size() + 2;
        }
        int h = 70 + rows * ROW;
        var img = new BufferedImage(W, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(title.equals(TLS_TITLE)
                ? "blue: this library   grey: the JDK's SSLSocket / SSLServerSocket, a thread per connection   orange: Netty SslHandler (JDK and OpenSSL providers)   (bars cut at " + MAX + "×)"
                : "blue: this library   grey: raw java.net / JDK   orange: Netty   green: minimal Java (NIO, FFM) and C servers, for scale (setup)   (bars cut at " + MAX + "×)", 10, 38);
        int plot = W - LABEL - 90;
        int x1 = LABEL + (int) (plot / MAX);
        int y = 60;
        for (Suite.Metric m : metrics) {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.drawString(m.title + " (" + m.unit + ")", 10, y + 12);
            y += ROW;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (Map.Entry<String, Double> e : m.values.entrySet()) {
                Double r = m.ratio(e.getKey());
                g.setColor(Color.DARK_GRAY);
                g.drawString(e.getKey(), 30, y + 12);
                if (r != null && r > 0) {
                    double better = m.higherBetter ? r : 1 / r;
                    int len = (int) (plot * Math.min(better, MAX) / MAX);
                    g.setColor(color(e.getKey()));
                    g.fillRect(LABEL, y + 3, Math.max(1, len), ROW - 5);
                    g.setColor(Color.BLACK);
                    g.drawString(String.format(Locale.ROOT, "%.2f  (%s)", better, Suite.fmt(e.getValue())), LABEL + len + 5, y + 12);
                } else {
                    g.drawString(Suite.fmt(e.getValue()) + " (no baseline)", LABEL + 5, y + 12);
                }
                y += ROW;
            }
            y += ROW;
        }
        g.setColor(Color.RED);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.drawLine(x1, 50, x1, h - 5);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
